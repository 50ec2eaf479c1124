-- Every status a register entry has had (ARCHITECTURE.md §6, "The register, verifiable"): one row per change, the
-- recognition first, each with the day it took effect, why, the case, and the head of the audit chain at the change,
-- that is the sequence number and hash of the audit entry that records it. The page, the JSON, the CSV (and its
-- asOf: the register as it stood on a day) and the Atom feed read this table; anyone who kept the feed can later
-- check the published sequence and hash against the log, so a rewritten log shows.
CREATE TABLE register_status_change (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  uuid         NOT NULL REFERENCES register_entry (application_id),
    reference       varchar(20)  NOT NULL,
    status          varchar(20)  NOT NULL CHECK (status IN ('RECOGNISED', 'SUSPENDED', 'REVOKED', 'SURRENDERED')),
    effective_on    date         NOT NULL,
    changed_at      timestamptz  NOT NULL,
    reasons         text,
    actor           varchar(64)  NOT NULL,
    -- the audit entry of the change; both null only for a back-filled row whose entry could not be found. No foreign
    -- key: audit_entry refuses TRUNCATE by its append-only trigger, and a referencing table would have PostgreSQL
    -- refuse it first for the reference instead (the entries are never deleted, so the reference cannot dangle)
    audit_seq       bigint,
    audit_hash      char(64),
    CHECK ((audit_seq IS NULL) = (audit_hash IS NULL))
);
CREATE INDEX register_status_change_by_entry ON register_status_change (application_id, id);
CREATE INDEX register_status_change_by_day ON register_status_change (effective_on, id);

-- The history starts with what the register already holds: each entry's recognition on its decision day, its chain
-- head the REGISTER_ENTRY_ADDED entry of its case, its reasons the decision's; then every status change the audit log
-- recorded since (REGISTER_STATUS_CHANGED: to, since, reasons), in the log's order.
INSERT INTO register_status_change (application_id, reference, status, effective_on, changed_at, reasons, actor,
                                    audit_seq, audit_hash)
SELECT application_id, reference, status, effective_on, changed_at, reasons, actor, audit_seq, audit_hash
FROM (SELECT r.application_id, r.reference, 'RECOGNISED' AS status, r.decision_date AS effective_on,
             coalesce(a.occurred_at, d.decided_at) AS changed_at, d.reasons, d.decided_by AS actor,
             a.seq AS audit_seq, a.hash AS audit_hash
      FROM register_entry r
      JOIN decision d ON d.application_id = r.application_id
      LEFT JOIN LATERAL (SELECT seq, hash, occurred_at FROM audit_entry
                         WHERE case_reference = r.reference AND kind = 'REGISTER_ENTRY_ADDED'
                         ORDER BY seq LIMIT 1) a ON true
      UNION ALL
      SELECT r.application_id, r.reference, a.payload::jsonb ->> 'to', (a.payload::jsonb ->> 'since')::date,
             a.occurred_at, a.payload::jsonb ->> 'reasons', a.actor, a.seq, a.hash
      FROM audit_entry a
      JOIN register_entry r ON r.reference = a.case_reference
      WHERE a.kind = 'REGISTER_STATUS_CHANGED') backfill
-- the log's order, so the rows' order is the order of the changes (a recognition without its entry first)
ORDER BY audit_seq NULLS FIRST, effective_on, reference;

-- Append-only, as the audit log is: what the register said on a day stays said.
CREATE FUNCTION refuse_register_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the register history is append-only: % on register_status_change refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER register_status_change_append_only
    BEFORE UPDATE OR DELETE ON register_status_change
    FOR EACH ROW EXECUTE FUNCTION refuse_register_history_change();

CREATE TRIGGER register_status_change_no_truncate
    BEFORE TRUNCATE ON register_status_change
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_register_history_change();
