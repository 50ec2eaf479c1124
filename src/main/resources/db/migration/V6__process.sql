-- What the process records about a case, in the application's tables (DESIGN.md §7: screens read these, not
-- process variables).

ALTER TABLE application ADD COLUMN process_instance_id varchar(64);
ALTER TABLE application ADD COLUMN escalated_at timestamptz;
ALTER TABLE application ADD COLUMN recommendation varchar(30);
CREATE UNIQUE INDEX application_by_process_instance ON application (process_instance_id);

-- A request for information: while it is open, the statutory clock is paused.
CREATE TABLE rfi (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    task_key        varchar(40)   NOT NULL,
    missing         text          NOT NULL,   -- JSON array of the items asked for
    message         varchar(4000) NOT NULL,
    raised_by       varchar(64)   NOT NULL,
    raised_at       timestamptz   NOT NULL,
    answer          varchar(4000),
    answered_by     varchar(64),
    answered_at     timestamptz,
    closed_at       timestamptz,              -- answered, lapsed or withdrawn
    closed_because  varchar(20)
);
-- at most one open request per case
CREATE UNIQUE INDEX rfi_one_open_per_case ON rfi (application_id) WHERE closed_at IS NULL;
CREATE INDEX rfi_by_application ON rfi (application_id, raised_at);

-- A reviewer's outcome and findings for one completed task.
CREATE TABLE finding (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    task_key        varchar(40)   NOT NULL,
    outcome         varchar(40)   NOT NULL,
    text            text,
    details         text          NOT NULL DEFAULT '{}',  -- JSON: the checklist verdicts, overrules
    recorded_by     varchar(64)   NOT NULL,
    recorded_at     timestamptz   NOT NULL
);
CREATE INDEX finding_by_application ON finding (application_id, recorded_at);

-- The pre-screen's flags (DMN rules that fired), and any overrule with its written reason.
CREATE TABLE case_flag (
    application_id   uuid          NOT NULL REFERENCES application (id),
    flag             varchar(40)   NOT NULL,
    rule             varchar(100)  NOT NULL,
    advice           varchar(500)  NOT NULL,
    raised_at        timestamptz   NOT NULL,
    overruled_by     varchar(64),
    overrule_reason  varchar(2000),
    overruled_at     timestamptz,
    PRIMARY KEY (application_id, flag)
);

-- The confirmation request to the home regulator and the regulator's reply.
CREATE TABLE home_confirmation (
    application_id   uuid          PRIMARY KEY REFERENCES application (id),
    requested_by     varchar(64),
    requested_at     timestamptz,
    confirmed        boolean,
    arrangement      varchar(40),
    arrangement_ref  varchar(200),
    refusal_reason   varchar(4000),
    contact          varchar(200),
    replied_on       date,
    recorded_by      varchar(64),
    recorded_at      timestamptz
);

-- The recommendation table's result: which rule fired and why.
CREATE TABLE recommendation (
    application_id   uuid          PRIMARY KEY REFERENCES application (id),
    recommendation   varchar(30)   NOT NULL,
    rule             varchar(100)  NOT NULL,
    rationale        varchar(1000) NOT NULL,
    made_at          timestamptz   NOT NULL
);
