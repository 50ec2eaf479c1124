-- The decision on a case, with the SHA-256 of its canonical record, and the public register (DESIGN.md §6).

CREATE TABLE decision (
    application_id  uuid         PRIMARY KEY REFERENCES application (id),
    outcome         varchar(30)  NOT NULL CHECK (outcome IN ('APPROVE', 'APPROVE_WITH_CONDITIONS', 'REJECT')),
    reasons         text,
    conditions      text,
    recommendation  varchar(30),
    decided_by      varchar(64)  NOT NULL,
    decided_at      timestamptz  NOT NULL,
    record_sha256   char(64)     NOT NULL
);

-- A copy made at decision time: the register states what was decided, whatever changes later.
CREATE TABLE register_entry (
    application_id             uuid          PRIMARY KEY REFERENCES application (id),
    reference                  varchar(20)   NOT NULL UNIQUE,
    token_name                 varchar(100)  NOT NULL,
    symbol                     varchar(20)   NOT NULL,
    pegged_currency            varchar(3)    NOT NULL,
    issuer_name                varchar(200)  NOT NULL,
    home_jurisdiction          varchar(2)    NOT NULL,
    home_regulator             varchar(200)  NOT NULL,
    intermediary_name          varchar(200)  NOT NULL,
    intermediary_registration  varchar(100)  NOT NULL,
    decision_date              date          NOT NULL,
    conditions                 text,
    status                     varchar(20)   NOT NULL CHECK (status IN ('RECOGNISED', 'SUSPENDED', 'REVOKED')),
    updated_at                 timestamptz   NOT NULL
);
CREATE INDEX register_by_decision_date ON register_entry (decision_date DESC, symbol);
