-- The open tasks as the task list reads them (issue 15): one row an engine task, with its case and its reference and
-- its candidate groups on the same row, so that each order of the list is one index of one table, read from its
-- start and stopped after a page. On the engine's tables a queue in the order of its due dates walked the task
-- table's index looking up each task's candidate groups and case (7,103 tasks for 25 rows at 100,000 open cases),
-- and the order by task sorted every task of a name by its case's reference, which no index of the engine holds.
--
-- Kept by triggers in the transaction that changes a task, its candidate groups or its case's process, so the list
-- never disagrees with the engine, whatever changed it (the services, Cockpit, the REST API, a process deleted):
-- each change re-reads that task from the engine's tables. The columns carry the engine's names so that the list's
-- statements read this table under the engine's alias `t` unchanged. The triggers on the engine's tables are made
-- when the engine is built (process/EngineTaskIndexes): the engine creates its tables after Flyway, on a new
-- database. An existing database's open tasks are copied here below.

CREATE TABLE open_task (
    id_                varchar(64)   PRIMARY KEY,      -- the engine's task
    proc_inst_id_      varchar(64)   NOT NULL,
    application_id     uuid          NOT NULL,
    reference_         varchar(20)   NOT NULL,         -- the case's reference: the list's tie-break
    task_def_key_      varchar(255),
    name_              varchar(255),
    assignee_          varchar(255),
    due_date_          timestamp,
    follow_up_date_    timestamp,
    create_time_       timestamp,
    candidate_groups_  varchar(255)[] NOT NULL
);

-- each order of the list, its ties by reference and task as the list breaks them
CREATE INDEX open_task_by_due ON open_task (due_date_, reference_, id_);
CREATE INDEX open_task_by_assignee ON open_task (assignee_, due_date_, reference_, id_);
CREATE INDEX open_task_by_name ON open_task (name_, reference_, id_);
CREATE INDEX open_task_by_key ON open_task (task_def_key_, due_date_, reference_, id_);
CREATE INDEX open_task_by_process ON open_task (proc_inst_id_);
-- a case's tasks: a list in a case's order (token, issuer, ...) or filtered to a few cases (flagged) starts from them
CREATE INDEX open_task_by_application ON open_task (application_id);

-- The rows of some tasks made again from the engine's tables: written for each that is open and whose process is a
-- case's (the application's or its supervision's), deleted for the others. Set-based, so that a statement writing
-- many tasks or links at once (a bulk load, a migration) costs one pass, not a query a row; planned afresh each
-- time, so that a plan made while the tables were small (a new database) is not kept once they are large.
CREATE FUNCTION open_task_refresh(tasks varchar[]) RETURNS void LANGUAGE plpgsql
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
                                   due_date_, follow_up_date_, create_time_, candidate_groups_)
        SELECT t.id_, t.proc_inst_id_, a.id, a.reference, t.task_def_key_, t.name_, t.assignee_, t.due_date_,
               t.follow_up_date_, t.create_time_,
               coalesce((SELECT array_agg(DISTINCT l.group_id_ ORDER BY l.group_id_)
                         FROM public.act_ru_identitylink l
                         WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ IS NOT NULL), '{}')
        FROM public.act_ru_task t
        JOIN app.case_process cp ON cp.process_instance_id = t.proc_inst_id_
        JOIN app.application a ON a.id = cp.application_id
        WHERE t.id_ = ANY (tasks) AND a.reference IS NOT NULL
        ON CONFLICT (id_) DO UPDATE SET proc_inst_id_ = excluded.proc_inst_id_,
            application_id = excluded.application_id, reference_ = excluded.reference_,
            task_def_key_ = excluded.task_def_key_, name_ = excluded.name_, assignee_ = excluded.assignee_,
            due_date_ = excluded.due_date_, follow_up_date_ = excluded.follow_up_date_,
            create_time_ = excluded.create_time_, candidate_groups_ = excluded.candidate_groups_
        RETURNING id_)
    DELETE FROM app.open_task o
    WHERE o.id_ = ANY (tasks) AND NOT EXISTS (SELECT 1 FROM written w WHERE w.id_ = o.id_);
END $$;

-- The tasks of one process made again: its case became known (the process instance is written on the case just after
-- the engine made the process's first task) or its reference changed.
CREATE FUNCTION open_task_refresh_process(process varchar) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(ARRAY(SELECT id_ FROM public.act_ru_task WHERE proc_inst_id_ = process
                                        UNION SELECT id_ FROM app.open_task WHERE proc_inst_id_ = process));
END $$;

-- The engine's side (the triggers are made at engine build): tasks and candidate links written or deleted, once a
-- statement with the rows it touched; a task changed in a column the list shows, a row at a time.
CREATE FUNCTION open_task_on_tasks_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(ARRAY(SELECT id_ FROM written));
    RETURN NULL;
END $$;

CREATE FUNCTION open_task_on_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(ARRAY[NEW.id_]);
    RETURN NULL;
END $$;

CREATE FUNCTION open_task_on_tasks_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM app.open_task WHERE id_ IN (SELECT id_ FROM gone);
    RETURN NULL;
END $$;

-- candidate links written or deleted: the trigger's transition table is named `touched` either way
CREATE FUNCTION open_task_on_links_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(ARRAY(SELECT DISTINCT task_id_ FROM touched WHERE task_id_ IS NOT NULL));
    RETURN NULL;
END $$;

CREATE FUNCTION open_task_on_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(array_remove(ARRAY[OLD.task_id_, NEW.task_id_], NULL));
    RETURN NULL;
END $$;

-- The application's side: a case's process, or its reference, written or changed.
CREATE FUNCTION open_task_on_case_process() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.process_instance_id IS DISTINCT FROM NEW.process_instance_id THEN
        PERFORM app.open_task_refresh_process(OLD.process_instance_id::text);
    END IF;
    PERFORM app.open_task_refresh_process(NEW.process_instance_id::text);
    RETURN NULL;
END $$;

-- cases written in bulk (a migration, the benchmark's clones): one pass over the tasks of their processes
CREATE FUNCTION open_task_on_cases_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM app.open_task_refresh(ARRAY(SELECT t.id_ FROM written w
                                        JOIN public.act_ru_task t ON t.proc_inst_id_ = w.process_instance_id::text));
    RETURN NULL;
END $$;

CREATE TRIGGER open_task_on_application_written AFTER INSERT ON application
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION open_task_on_cases_written();
CREATE TRIGGER open_task_on_application_changed AFTER UPDATE ON application
    FOR EACH ROW WHEN (OLD.process_instance_id IS DISTINCT FROM NEW.process_instance_id
                       OR OLD.reference IS DISTINCT FROM NEW.reference)
    EXECUTE FUNCTION open_task_on_case_process();
CREATE TRIGGER open_task_on_supervision_written AFTER INSERT ON supervision
    FOR EACH ROW WHEN (NEW.process_instance_id IS NOT NULL) EXECUTE FUNCTION open_task_on_case_process();
CREATE TRIGGER open_task_on_supervision_changed AFTER UPDATE ON supervision
    FOR EACH ROW WHEN (OLD.process_instance_id IS DISTINCT FROM NEW.process_instance_id)
    EXECUTE FUNCTION open_task_on_case_process();

-- An existing database: its open tasks (the engine's tables exist once the engine has run).
DO $$
BEGIN
    IF to_regclass('public.act_ru_task') IS NOT NULL THEN
        PERFORM app.open_task_refresh(ARRAY(SELECT id_ FROM public.act_ru_task));
    END IF;
END $$;
