-- Internal notes on a case (issue 14): the supervisor's staff write them, the issuer never reads them. A note is
-- written once and never changed or removed, like the audit log (§5) and the jurisdiction history: what a reviewer
-- told their colleagues stays as they wrote it, and the NOTE_ADDED entry in the audit log carries the same text.
CREATE TABLE case_note (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    author          varchar(64)   NOT NULL,
    written_at      timestamptz   NOT NULL,
    -- the task screen it was written on, if any, so the task's history shows it
    task_id         varchar(64),
    body            text          NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000)
);
-- a case's notes, newest first, on every visit of its page or task screen
CREATE INDEX case_note_by_application ON case_note (application_id, written_at DESC);

CREATE FUNCTION refuse_case_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'notes are append-only: % on case_note refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER case_note_append_only
    BEFORE UPDATE OR DELETE ON case_note
    FOR EACH ROW EXECUTE FUNCTION refuse_case_note_change();

CREATE TRIGGER case_note_no_truncate
    BEFORE TRUNCATE ON case_note
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_case_note_change();
