-- The pre-screen's evaluation, stored when it runs (DESIGN.md §4, §5): what each automatic check measured, against
-- which threshold, its result, the flag and the pre-screen table's rule that fired, and the configuration it ran
-- under. Screens, the API and the decision letter show this record; they never recompute it and call it history.
-- A case may have several evaluations: the one the process makes is kind PRE_SCREEN; a later re-run under the rules
-- then in force is kind RE_RUN. All are kept.
CREATE TABLE pre_screen_evaluation (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    kind            varchar(20)   NOT NULL CHECK (kind IN ('PRE_SCREEN', 'RE_RUN')),
    evaluated_by    varchar(64)   NOT NULL,   -- 'system' for the process's pre-screen
    evaluated_at    timestamptz   NOT NULL,   -- when the checks ran
    as_of           date          NOT NULL,   -- the date the ages were measured to: the day of submission
    -- {"thresholds": {"tobira.checks.min-coverage-ratio": "1.00",
    --                 "tobira.checks.eligible-asset-classes": ["CASH", …],
    --                 "tobira.checks.max-government-maturity": "P1Y", "tobira.checks.max-attestation-age": "P35D",
    --                 "tobira.checks.max-audit-age": "P12M", "tobira.checks.max-redemption-business-days": 5},
    --  "jurisdiction": {"code": "US", "status": "UNDER_ASSESSMENT"}}   (status as the jurisdiction table had it;
    --  code and status are null when the application names no home jurisdiction)
    configuration   jsonb         NOT NULL,
    -- one object per check, in the checks' fixed order:
    -- {"code": "RESERVE_COVERAGE", "result": "PASSED" | "FAILED" | "NOT_EVALUATED",
    --  "value": <phrase>, "threshold": <phrase>, "flag": "UNDER_BACKED" | null, "rule": "PS-1 reserve coverage" | null}
    -- where <phrase> is {"key": "<bundle key>", "args": [<arg>, …]} and an <arg> is a string, a number, a <phrase>
    -- or an array of <arg>: the text is put into the reader's language when it is shown, from the words stored here.
    checks          jsonb         NOT NULL CHECK (jsonb_typeof(checks) = 'array'),
    -- the pre-screen table's rules that fired: [{"flag": "UNDER_ASSESSMENT", "rule": "PS-8 jurisdiction",
    -- "advice": "…"}]; null only inside the transaction that runs the pre-screen, between the checks and the table
    rules           jsonb         CHECK (rules IS NULL OR jsonb_typeof(rules) = 'array')
);
CREATE INDEX pre_screen_evaluation_by_application ON pre_screen_evaluation (application_id, evaluated_at);
