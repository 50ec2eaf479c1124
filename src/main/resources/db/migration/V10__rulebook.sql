-- The rulebook (ARCHITECTURE.md §4): the equivalence criteria and their thresholds as numbered versions. One admin
-- drafts a version, a second puts it into force; the version in force on a day is the approved one with the latest
-- effective date on or before it. Configuration seeds version 1 on an empty database, nothing more. Each pre-screen
-- records the version it ran under (pre_screen_evaluation.configuration -> 'rulebook').
CREATE TABLE rulebook_version (
    version         integer       PRIMARY KEY CHECK (version > 0),
    effective_from  date          NOT NULL,
    -- one object per criterion, in the criteria's fixed order:
    -- {"code": "RESERVE_COVERAGE", "kind": "GATE" | "ADVICE", "enabled": true, "thresholds": {"minRatio": "1.00"}}
    -- (a decimal as its plain string, a whole number as a number, a list as an array of strings)
    criteria        jsonb         NOT NULL CHECK (jsonb_typeof(criteria) = 'array'),
    note            varchar(1000),
    drafted_by      varchar(64)   NOT NULL,
    drafted_at      timestamptz   NOT NULL,
    approved_by     varchar(64),
    approved_at     timestamptz,
    CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
    -- four eyes, kept by the database too: whoever drafted a version never puts it into force
    CHECK (approved_by IS NULL OR approved_by <> drafted_by)
);
CREATE INDEX rulebook_version_in_force ON rulebook_version (effective_from DESC, version DESC)
    WHERE approved_by IS NOT NULL;

-- A version never changes once drafted, and an approved one never changes at all: a change is a new version, and an
-- evaluation that names a version can always be read against what that version said. The only update allowed is the
-- approval of a draft; no version is ever deleted.
CREATE FUNCTION refuse_rulebook_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.approved_by IS NULL AND NEW.approved_by IS NOT NULL
       AND NEW.version = OLD.version AND NEW.effective_from = OLD.effective_from AND NEW.criteria = OLD.criteria
       AND NEW.note IS NOT DISTINCT FROM OLD.note AND NEW.drafted_by = OLD.drafted_by
       AND NEW.drafted_at = OLD.drafted_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a rulebook version is never changed or deleted: % on version % refused', TG_OP, OLD.version
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER rulebook_version_immutable
    BEFORE UPDATE OR DELETE ON rulebook_version
    FOR EACH ROW EXECUTE FUNCTION refuse_rulebook_change();
