-- The monthly reserve reports of a recognised token (supervision after recognition, DESIGN.md §10). A report is stored
-- as it was filed, with what its checks measured then, under the rulebook version then in force: screens and the API
-- read this record and never recompute it. A second report of a month is that month's next version, never an
-- overwrite: rows are never changed or deleted (trigger), and (application, period, version) is unique, numbered
-- under the case's row lock so that two filings of one month get distinct versions.
CREATE TABLE reserve_report (
    id                      uuid           PRIMARY KEY,
    application_id          uuid           NOT NULL REFERENCES application (id),
    period                  char(7)        NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),   -- YYYY-MM
    version                 integer        NOT NULL CHECK (version > 0),
    as_of                   date           NOT NULL,   -- the period's last day
    outstanding_supply      numeric(26, 6) NOT NULL CHECK (outstanding_supply > 0),
    -- the reserve composition in the application's shape: {"asOf": "2026-11-30", "assets": [{"assetClass": "CASH",
    -- "amount": 1000.000000, "currency": "USD", "custodian": "…", "maturity": null}, …]}
    reserves                jsonb          NOT NULL CHECK (jsonb_typeof(reserves -> 'assets') = 'array'),
    reserves_total          numeric(27, 6) NOT NULL CHECK (reserves_total >= 0),
    coverage_ratio          numeric(20, 6) NOT NULL,   -- reserves ÷ supply, rounded down (application/CoverageRatio)
    attestation_date        date           NOT NULL,
    -- the accountant's attestation, a RESERVE_ATTESTATION document of the case (held to every upload's checks)
    attestation_document_id uuid           NOT NULL REFERENCES document (id),
    redemption_count        integer        NOT NULL CHECK (redemption_count >= 0),
    redemption_amount       numeric(26, 6) NOT NULL CHECK (redemption_amount >= 0),
    redemption_longest_business_days integer NOT NULL
        CHECK (redemption_longest_business_days BETWEEN 0 AND 365),
    rulebook_version        integer        NOT NULL REFERENCES rulebook_version (version),
    -- the thresholds of the criteria that version switched on, as CODE.threshold → value
    thresholds              jsonb          NOT NULL,
    -- one object per check run, in the shape of pre_screen_evaluation.checks (V7): {"code", "result", "value",
    -- "threshold", "flag", "rule"}, value and threshold as phrases put into the reader's language when shown
    checks                  jsonb          NOT NULL CHECK (jsonb_typeof(checks) = 'array'),
    flags                   jsonb          NOT NULL CHECK (jsonb_typeof(flags) = 'array'),   -- ["UNDER_BACKED", …]
    filed_by                varchar(64)    NOT NULL,
    filed_at                timestamptz    NOT NULL,
    UNIQUE (application_id, period, version)
);
CREATE INDEX reserve_report_by_application ON reserve_report (application_id, period, version);

CREATE FUNCTION refuse_reserve_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a filed reserve report is never changed or deleted: % on report % refused', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER reserve_report_immutable
    BEFORE UPDATE OR DELETE ON reserve_report
    FOR EACH ROW EXECUTE FUNCTION refuse_reserve_report_change();
