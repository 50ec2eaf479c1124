-- Issue 15, a task list that stays flat from 1,000 to 100,000 open cases: an index for each order the list offers on
-- the application's columns, with the list's tie-break (the reference) behind it, so a page of 25 walks the index
-- and stops instead of sorting the whole queue. The reference has its own unique index (V1), the status one for the
-- open cases (V1); the orders on the engine's task (due date, task name) are process/EngineTaskIndexes, as the
-- engine's tables do not exist yet when Flyway runs on a new database.
CREATE INDEX application_by_token_name ON application (token_name, reference);
CREATE INDEX application_by_issuer_name ON application (issuer_name, reference);
CREATE INDEX application_by_jurisdiction ON application (jurisdiction, reference);
CREATE INDEX application_by_submitted_at ON application (submitted_at, reference);
-- the same orders descending: the list puts empty values last either way, which a backward scan of the indexes above
-- would not (it gives them first)
CREATE INDEX application_by_token_name_desc ON application (token_name DESC NULLS LAST, reference);
CREATE INDEX application_by_issuer_name_desc ON application (issuer_name DESC NULLS LAST, reference);
CREATE INDEX application_by_jurisdiction_desc ON application (jurisdiction DESC NULLS LAST, reference);
CREATE INDEX application_by_submitted_at_desc ON application (submitted_at DESC NULLS LAST, reference);
-- the escalated cases, one in fifty: the filter "escalated" finds them (and counts them) without reading every case
CREATE INDEX application_escalated ON application (reference) WHERE escalated_at IS NOT NULL;

-- The case of each process instance (V21), made a view the planner can look into: its two branches now give the same
-- type (text) and the first has no WHERE (a null process instance matches no task anyway), so PostgreSQL flattens the
-- UNION ALL and finds a task's case through the unique index of either table, one task at a time, instead of reading
-- the whole view (every application) and joining it by hash for each page.
DROP VIEW case_process;
CREATE VIEW case_process AS
SELECT id AS application_id, process_instance_id::text AS process_instance_id FROM application
UNION ALL
SELECT application_id, process_instance_id FROM supervision;
