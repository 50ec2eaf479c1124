-- The case's side of the task list's filters on each open task (issue 15): its jurisdiction, whether it is escalated
-- and whether it has a flag not overruled, kept on the row as its reference is. A queue of tasks filtered on them is
-- then read and counted on the open tasks alone, and the two rare ones have an index of their own in the list's
-- order. Joined to the case, the count of "flagged and overdue" hashed every unresolved flag at 100,000 open cases
-- (27 ms a page), the escalated page sorted its 2,001 cases, and the count by jurisdiction read the cases through.

ALTER TABLE open_task
    ADD COLUMN jurisdiction varchar(2),
    ADD COLUMN escalated    boolean NOT NULL DEFAULT false,
    ADD COLUMN flagged      boolean NOT NULL DEFAULT false;

-- the rare filters in the list's default order, each a few rows of the index before a page is full
CREATE INDEX open_task_flagged_by_due ON open_task (due_date_, reference_, id_) WHERE flagged;
CREATE INDEX open_task_escalated_by_due ON open_task (due_date_, reference_, id_) WHERE escalated;

-- As V29's, with the three columns read from the case.
CREATE OR REPLACE FUNCTION open_task_refresh(tasks varchar[]) RETURNS void LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    IF cardinality(tasks) = 0 THEN
        RETURN;
    END IF;
    -- Two transactions changing one task at once (a reviewer claims it while a late reply's escalation adds a
    -- candidate group): the second waits here for the first to commit, and its next statement then reads the
    -- engine's rows with the first's change in them (READ COMMITTED: each statement sees what committed before it
    -- began). Without the wait it would write the row from what it read before, undoing the first's change.
    PERFORM 1 FROM app.open_task WHERE id_ = ANY (tasks) ORDER BY id_ FOR UPDATE;
    WITH written AS (
        INSERT INTO app.open_task (id_, proc_inst_id_, application_id, reference_, task_def_key_, name_, assignee_,
                                   due_date_, follow_up_date_, create_time_, candidate_groups_, jurisdiction,
                                   escalated, flagged)
        SELECT t.id_, t.proc_inst_id_, a.id, a.reference, t.task_def_key_, t.name_, t.assignee_, t.due_date_,
               t.follow_up_date_, t.create_time_,
               coalesce((SELECT array_agg(DISTINCT l.group_id_ ORDER BY l.group_id_)
                         FROM public.act_ru_identitylink l
                         WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ IS NOT NULL), '{}'),
               a.jurisdiction, a.escalated_at IS NOT NULL,
               EXISTS (SELECT 1 FROM app.case_flag f WHERE f.application_id = a.id AND f.overruled_by IS NULL)
        FROM public.act_ru_task t
        JOIN app.case_process cp ON cp.process_instance_id = t.proc_inst_id_
        JOIN app.application a ON a.id = cp.application_id
        WHERE t.id_ = ANY (tasks) AND a.reference IS NOT NULL
        ON CONFLICT (id_) DO UPDATE SET proc_inst_id_ = excluded.proc_inst_id_,
            application_id = excluded.application_id, reference_ = excluded.reference_,
            task_def_key_ = excluded.task_def_key_, name_ = excluded.name_, assignee_ = excluded.assignee_,
            due_date_ = excluded.due_date_, follow_up_date_ = excluded.follow_up_date_,
            create_time_ = excluded.create_time_, candidate_groups_ = excluded.candidate_groups_,
            jurisdiction = excluded.jurisdiction, escalated = excluded.escalated, flagged = excluded.flagged
        RETURNING id_)
    DELETE FROM app.open_task o
    WHERE o.id_ = ANY (tasks) AND NOT EXISTS (SELECT 1 FROM written w WHERE w.id_ = o.id_);
END $$;

-- A case's jurisdiction or escalation changed: its tasks made again, as for its process or reference.
DROP TRIGGER open_task_on_application_changed ON application;
CREATE TRIGGER open_task_on_application_changed AFTER UPDATE ON application
    FOR EACH ROW WHEN (OLD.process_instance_id IS DISTINCT FROM NEW.process_instance_id
                       OR OLD.reference IS DISTINCT FROM NEW.reference
                       OR OLD.jurisdiction IS DISTINCT FROM NEW.jurisdiction
                       OR (OLD.escalated_at IS NULL) <> (NEW.escalated_at IS NULL))
    EXECUTE FUNCTION open_task_on_case_process();

-- A case's flags raised, overruled or removed: the open tasks of those cases made again, once a statement (the
-- pre-screen raises several at once; the benchmark's clones copy thousands). The transition table is named `touched`
-- for each of the three triggers.
CREATE FUNCTION open_task_on_flags_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(ARRAY(SELECT o.id_ FROM app.open_task o
                                        WHERE o.application_id IN (SELECT application_id FROM touched)));
    RETURN NULL;
END $$;

CREATE TRIGGER open_task_on_flags_written AFTER INSERT ON case_flag
    REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION open_task_on_flags_touched();
CREATE TRIGGER open_task_on_flags_changed AFTER UPDATE ON case_flag
    REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION open_task_on_flags_touched();
CREATE TRIGGER open_task_on_flags_deleted AFTER DELETE ON case_flag
    REFERENCING OLD TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION open_task_on_flags_touched();

-- An existing database's open tasks: the three columns from their cases.
UPDATE open_task o
SET jurisdiction = a.jurisdiction,
    escalated = a.escalated_at IS NOT NULL,
    flagged = EXISTS (SELECT 1 FROM case_flag f WHERE f.application_id = a.id AND f.overruled_by IS NULL)
FROM application a
WHERE a.id = o.application_id;
