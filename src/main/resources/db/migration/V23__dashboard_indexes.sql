-- The dashboard's aggregates read indexes, not the wide rows (issue 15: 341 ms p95 at 100,000 open cases).

-- The open cases by stage and by the day of submission, in one index-only pass (CaseClock.openCases). Partial: it
-- grows with the open cases, not with every case ever decided; the predicate is ApplicationStatus.OPEN, which the
-- statement writes in as literals so that the planner can prove it.
CREATE INDEX application_open_by_stage ON application (stage, submitted_at) INCLUDE (id)
    WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER');

-- Flagged reports filed lately (SupervisionStatistics.flagged): few of them among every report ever filed.
CREATE INDEX reserve_report_flagged_by_filing ON reserve_report (filed_at) WHERE jsonb_array_length(flags) > 0;

-- The register's tokens by status (SupervisionStatistics.tokensByStatus), counted from the index.
CREATE INDEX register_entry_by_status ON register_entry (status);
