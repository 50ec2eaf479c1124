-- When each application case entered its stages, one row a case (issue 15): the dashboard's median days per stage
-- read the engine's whole task history at every request (280,000 rows, 239 ms at 100,000 open cases with their own
-- history alone), and would grow with every case ever decided. Kept from the engine's task history as it is written,
-- by triggers made when the engine is built (process/EngineTaskIndexes: the engine makes its tables after Flyway), in
-- the same transaction; a stay once measured stays, whatever later removes the engine's history (its cleanup).
--
-- A case enters a stage when the first task of the stage starts; the review is every task that is neither the
-- completeness check nor the decision; the decision is left when the decision task is completed.

CREATE TABLE case_stay (
    proc_inst_id_  varchar(64) PRIMARY KEY,   -- the application process's instance
    completeness   timestamp,                 -- the first completeness check's start
    review         timestamp,                 -- the first review task's start
    decision       timestamp,                 -- the decision task's start
    decided        timestamp,                 -- the decision task's completion
    -- each stage's stay in seconds, null until the case has left it: the dashboard's median of each is read from
    -- its index (the middle of the index's entries), where a median over every row sorted them at each request
    completeness_seconds double precision GENERATED ALWAYS AS (extract(epoch FROM review - completeness)) STORED,
    review_seconds       double precision GENERATED ALWAYS AS (extract(epoch FROM decision - review)) STORED,
    decision_seconds     double precision GENERATED ALWAYS AS (extract(epoch FROM decided - decision)) STORED
);

CREATE INDEX case_stay_completeness ON case_stay (completeness_seconds) WHERE completeness_seconds IS NOT NULL;
CREATE INDEX case_stay_review ON case_stay (review_seconds) WHERE review_seconds IS NOT NULL;
CREATE INDEX case_stay_decision ON case_stay (decision_seconds) WHERE decision_seconds IS NOT NULL;

-- Tasks of the application process written to the history: each stage's first start kept, the decision's last
-- completion (a task written already ended, as a migration or a copy would). Once a statement, with its rows.
CREATE FUNCTION case_stay_on_tasks_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO app.case_stay AS s (proc_inst_id_, completeness, review, decision, decided)
    SELECT proc_inst_id_,
           min(start_time_) FILTER (WHERE task_def_key_ = 'checkCompleteness'),
           min(start_time_) FILTER (WHERE coalesce(task_def_key_, '') NOT IN ('checkCompleteness', 'decide')),
           min(start_time_) FILTER (WHERE task_def_key_ = 'decide'),
           max(end_time_) FILTER (WHERE task_def_key_ = 'decide' AND delete_reason_ = 'completed')
    FROM written
    WHERE proc_def_key_ = 'equivalence-application' AND proc_inst_id_ IS NOT NULL
    GROUP BY proc_inst_id_
    ON CONFLICT (proc_inst_id_) DO UPDATE SET
        completeness = least(s.completeness, excluded.completeness), review = least(s.review, excluded.review),
        decision = least(s.decision, excluded.decision), decided = greatest(s.decided, excluded.decided)
    WHERE s.completeness IS DISTINCT FROM least(s.completeness, excluded.completeness)
       OR s.review IS DISTINCT FROM least(s.review, excluded.review)
       OR s.decision IS DISTINCT FROM least(s.decision, excluded.decision)
       OR s.decided IS DISTINCT FROM greatest(s.decided, excluded.decided);
    RETURN NULL;
END $$;

-- Tasks of the history changed: only a decision's completion changes a stay (the engine writes a task's end by an
-- update of its history row).
CREATE FUNCTION case_stay_on_tasks_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO app.case_stay AS s (proc_inst_id_, decided)
    SELECT proc_inst_id_, max(end_time_)
    FROM written
    WHERE proc_def_key_ = 'equivalence-application' AND proc_inst_id_ IS NOT NULL AND task_def_key_ = 'decide'
      AND delete_reason_ = 'completed' AND end_time_ IS NOT NULL
    GROUP BY proc_inst_id_
    ON CONFLICT (proc_inst_id_) DO UPDATE SET decided = greatest(s.decided, excluded.decided)
    WHERE s.decided IS DISTINCT FROM greatest(s.decided, excluded.decided);
    RETURN NULL;
END $$;

-- An existing database's history (the engine's tables exist once the engine has run).
DO $$
BEGIN
    IF to_regclass('public.act_hi_taskinst') IS NOT NULL THEN
        INSERT INTO app.case_stay (proc_inst_id_, completeness, review, decision, decided)
        SELECT proc_inst_id_,
               min(start_time_) FILTER (WHERE task_def_key_ = 'checkCompleteness'),
               min(start_time_) FILTER (WHERE coalesce(task_def_key_, '') NOT IN ('checkCompleteness', 'decide')),
               min(start_time_) FILTER (WHERE task_def_key_ = 'decide'),
               max(end_time_) FILTER (WHERE task_def_key_ = 'decide' AND delete_reason_ = 'completed')
        FROM public.act_hi_taskinst
        WHERE proc_def_key_ = 'equivalence-application' AND proc_inst_id_ IS NOT NULL
        GROUP BY proc_inst_id_;
    END IF;
END $$;
