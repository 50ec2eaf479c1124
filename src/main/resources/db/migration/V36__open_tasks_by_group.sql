-- Each candidate group's unassigned tasks in the list's default order (issue 15): "my groups' unassigned tasks" for a
-- reviewer of one group. With one index in that order shared by every group, a group whose tasks are few among the first
-- due walked the others' to fill its page: at 100,000 open cases the decision-maker's first page read 6,695 tasks for
-- 26 (6,669 removed by the filter, 9.2 ms), and the line's p95 grew from 19.9 ms at 1,000 cases to 33.2 ms at 100,000
-- (1.67x, over the issue's 1.5x), growing on with the other groups' queues. The list writes the reader's groups into
-- its statement as a literal (TaskQueues), so that PostgreSQL proves a one-group condition implies its index's; one
-- index a candidate group of the shipped processes' user tasks (TaskQueuesTests pins the two lists together). A
-- reader of two groups is served by the common index as before.
CREATE INDEX open_task_unassigned_intake ON open_task (due_date_, reference_, id_)
    WHERE assignee_ IS NULL AND candidate_groups_ && CAST(ARRAY['intake'] AS varchar[]);
CREATE INDEX open_task_unassigned_backing_review ON open_task (due_date_, reference_, id_)
    WHERE assignee_ IS NULL AND candidate_groups_ && CAST(ARRAY['backing-review'] AS varchar[]);
CREATE INDEX open_task_unassigned_cooperation ON open_task (due_date_, reference_, id_)
    WHERE assignee_ IS NULL AND candidate_groups_ && CAST(ARRAY['cooperation'] AS varchar[]);
CREATE INDEX open_task_unassigned_decision ON open_task (due_date_, reference_, id_)
    WHERE assignee_ IS NULL AND candidate_groups_ && CAST(ARRAY['decision'] AS varchar[]);
CREATE INDEX open_task_unassigned_supervision ON open_task (due_date_, reference_, id_)
    WHERE assignee_ IS NULL AND candidate_groups_ && CAST(ARRAY['supervision'] AS varchar[]);
