-- A jurisdiction's status rests on a determination (ARCHITECTURE.md, "Where each rule lives": a jurisdiction's
-- equivalence status is the table app.jurisdiction; §4 and the legal gates: no approval passes until the home
-- framework is judged equivalent). A definitive status (EQUIVALENT, NOT_EQUIVALENT) names the determination behind
-- it: its date and its reference. Rows judged before this migration have none recorded, so both stay nullable;
-- the service (cooperation/Jurisdictions) requires them for every definitive status set from now on.
ALTER TABLE jurisdiction
    ADD COLUMN determined_on           date,
    ADD COLUMN determination_reference varchar(200);

-- Every status a jurisdiction has had, with the determination behind it: one row per change (Jurisdictions.set),
-- so a decision can be read against the table as it stood on its day (§5: every configuration change is kept).
-- Append-only, as the audit log is: a determination that was recorded stays recorded.
CREATE TABLE jurisdiction_history (
    id                       bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                     varchar(2)   NOT NULL,
    name                     varchar(100) NOT NULL,
    status                   varchar(20)  NOT NULL CHECK (status IN ('EQUIVALENT', 'UNDER_ASSESSMENT', 'NOT_EQUIVALENT')),
    determined_on            date,
    determination_reference  varchar(200),
    note                     varchar(500),
    changed_by               varchar(64)  NOT NULL,
    changed_at               timestamptz  NOT NULL
);
CREATE INDEX jurisdiction_history_by_code ON jurisdiction_history (code, id);

-- The history starts with the table as it stands: each existing row once, as its last change made it.
INSERT INTO jurisdiction_history (code, name, status, determined_on, determination_reference, note, changed_by,
                                  changed_at)
SELECT code, name, status, determined_on, determination_reference, note, updated_by, updated_at
FROM jurisdiction
ORDER BY updated_at, code;

-- The database refuses to rewrite or remove the history, as it does for the audit log (§5), so no code path,
-- and no one with the application's credentials, can change what a status was said to rest on.
CREATE FUNCTION refuse_jurisdiction_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the jurisdiction history is append-only: % on jurisdiction_history refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER jurisdiction_history_append_only
    BEFORE UPDATE OR DELETE ON jurisdiction_history
    FOR EACH ROW EXECUTE FUNCTION refuse_jurisdiction_history_change();

CREATE TRIGGER jurisdiction_history_no_truncate
    BEFORE TRUNCATE ON jurisdiction_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_jurisdiction_history_change();
