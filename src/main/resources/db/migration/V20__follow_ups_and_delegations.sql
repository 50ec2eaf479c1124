-- Issue 14, a reviewer's day: follow-up dates and delegation while away.
--
-- A follow-up date is the engine's own (act_ru_task.follow_up_date_), so it needs no table; a saved view of the task
-- list may keep the "follow-up due" filter as it keeps the others.
ALTER TABLE task_view ADD COLUMN follow_up_due boolean NOT NULL DEFAULT false;

-- A reviewer's delegate for a period (both days included): while it runs, tasks given to the delegator go to the
-- delegate. Who may name whom, and that one person's periods never overlap, is the service's rule
-- (review/Delegations, under the delegator's row lock); the table keeps what was said. Ending one early sets
-- ended_at: the row stays, as the audit log and the tasks delegated under it refer to it.
CREATE TABLE delegation (
    id          uuid         PRIMARY KEY,
    delegator   varchar(64)  NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    delegate    varchar(64)  NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    starts_on   date         NOT NULL,
    ends_on     date         NOT NULL,
    created_at  timestamptz  NOT NULL,
    ended_at    timestamptz,
    CONSTRAINT delegation_period CHECK (ends_on >= starts_on),
    CONSTRAINT delegation_not_to_oneself CHECK (delegate <> delegator)
);
-- every assignment asks whether its assignee is away today
CREATE INDEX delegation_running ON delegation (delegator, starts_on, ends_on) WHERE ended_at IS NULL;

-- A task that went to a delegate: whom it was meant for, so the list can say "delegated from …". One row per task,
-- the latest delegated assignment; the list shows it only while the delegate still holds the task.
CREATE TABLE delegated_task (
    task_id        varchar(64)  PRIMARY KEY,
    meant_for      varchar(64)  NOT NULL,
    delegate       varchar(64)  NOT NULL,
    delegation_id  uuid         NOT NULL REFERENCES delegation (id),
    assigned_at    timestamptz  NOT NULL
);
