-- A recognised token under supervision (bpmn/token-supervision.bpmn): its process instance, the first month it
-- reports on, and how supervision ended (REVOKED or SURRENDERED), if it has.
CREATE TABLE app.supervision (
    application_id      uuid PRIMARY KEY REFERENCES app.application (id),
    reference           text NOT NULL,
    process_instance_id text NOT NULL UNIQUE,
    first_period        text NOT NULL CHECK (first_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    started_at          timestamptz NOT NULL,
    ended_as            text CHECK (ended_as IN ('REVOKED', 'SURRENDERED')),
    ended_at            timestamptz,
    CHECK ((ended_as IS NULL) = (ended_at IS NULL))
);

-- Which case each process instance works on: the application's own process and, after recognition, its
-- supervision. The task list and the task doors find a task's case through this one view.
CREATE VIEW app.case_process AS
SELECT id AS application_id, process_instance_id FROM app.application WHERE process_instance_id IS NOT NULL
UNION ALL
SELECT application_id, process_instance_id FROM app.supervision;
