-- A reviewer's saved views of the task list (issue 14): a name and the task list's own filters, kept on the server
-- so they follow the user from one browser to the next. A view is the owner's alone, shared with one of the owner's
-- groups (its id, such as 'backing-review'), or shared with everyone ('everyone', an admin's choice); who may
-- share with what is the service's rule (worklist/TaskViews), the table only keeps it.
CREATE TABLE task_view (
    id            uuid         PRIMARY KEY,
    owner         varchar(64)  NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    name          varchar(60)  NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
    shared        varchar(32),
    queue         varchar(16)  NOT NULL,
    task_key      varchar(64),
    jurisdiction  varchar(2),
    flagged       boolean      NOT NULL,
    overdue       boolean      NOT NULL,
    escalated     boolean      NOT NULL,
    sort          varchar(16)  NOT NULL,
    descending    boolean      NOT NULL,
    created_at    timestamptz  NOT NULL,
    -- a name says which view it is on the owner's tabs, so two of theirs never share one
    CONSTRAINT task_view_name_per_owner UNIQUE (owner, name)
);
-- the tabs read a user's own views and those shared with their groups or everyone on every visit
CREATE INDEX task_view_by_shared ON task_view (shared) WHERE shared IS NOT NULL;
