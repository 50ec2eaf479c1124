-- The equivalence status of home frameworks (DESIGN.md §2, §4). Nothing is seeded: no foreign framework has been
-- judged equivalent yet, and a jurisdiction not in the table is treated as UNDER_ASSESSMENT.
CREATE TABLE jurisdiction (
    code        varchar(2)   PRIMARY KEY,
    name        varchar(100) NOT NULL,
    status      varchar(20)  NOT NULL CHECK (status IN ('EQUIVALENT', 'UNDER_ASSESSMENT', 'NOT_EQUIVALENT')),
    note        varchar(500),
    updated_by  varchar(64)  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
