-- The open cases in the order of their reference ("all open cases", the task list's default order), with the process
-- the open tasks are joined on: the tab's bounded count reads the first rows of this index alone (an index-only scan),
-- where PostgreSQL otherwise chose between a walk of the process-instance index, filtering every case by status, and
-- a sequential scan of app.application stopped by the count's LIMIT, the two a few cost units apart (issue 15 asks
-- for no sequential scan of app.application in the list's plans; it appeared in one run of five). Once most cases
-- are decided, the open ones are also found without reading the closed. The predicate is ApplicationStatus.OPEN, as
-- for V23's and V32's, which TaskQueues writes into its statements as literals.
CREATE INDEX application_open_by_reference ON application (reference) INCLUDE (process_instance_id)
    WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER');
