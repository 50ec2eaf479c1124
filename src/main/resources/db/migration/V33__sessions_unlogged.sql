-- Every request moves its session's last access time: an UPDATE of app.spring_session and a commit, which waited for
-- the write-ahead log to reach the disk on every page view (1–2 ms, far more when the disk stalls: the p95 of a task
-- list page). A session is not part of the record: a crash of PostgreSQL empties an unlogged table, which means
-- logging in again, never a lost case, document or audit entry (those tables stay logged, and a transaction that
-- writes to them still waits for the disk). Unlogged tables write no log, so a commit that touched only them does
-- not wait. Not replicated to a standby: after a fail-over every user logs in again. The attributes first: an
-- unlogged table may reference a logged one, not the other way round.
ALTER TABLE spring_session_attributes SET UNLOGGED;
ALTER TABLE spring_session SET UNLOGGED;
