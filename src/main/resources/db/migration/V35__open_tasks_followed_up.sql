-- The reviewer's own tasks whose follow-up date has come (the task list's "follow-up due" filter, its count among the
-- tab's): few tasks carry a follow-up date, and this index holds only those. Without it both statements read every
-- task the reviewer holds and filtered them (at 100,000 open cases the benchmark's reviewer holds 2,001: 4.6 ms and
-- 1,998 heap pages each, for none), so the filter's p95 grew with the reviewer's queue: 10.9 ms at 1,000 cases,
-- 17.7 ms at 100,000 (1.62x, over issue 15's 1.5x). A follow-up date before the bound is never null, so PostgreSQL
-- proves the filter's condition implies the index's.
CREATE INDEX open_task_followed_up ON open_task (assignee_, follow_up_date_) WHERE follow_up_date_ IS NOT NULL;
