-- The open cases by stage and by the day of their submission in Tokyo, the zone of the statutory clock
-- (CaseClock.openCases, the dashboard): counted in the index's order, one pass and no sort or hash of 100,000 rows.
-- The zone is written into the statement as into this index; the predicate is ApplicationStatus.OPEN, as for V23's.
-- The column the day is computed from is included: PostgreSQL reads an expression index alone (an index-only scan)
-- only when the columns of the expression are in it too.
CREATE INDEX application_open_by_stage_and_day
    ON application (stage, ((submitted_at AT TIME ZONE 'Asia/Tokyo')::date)) INCLUDE (submitted_at)
    WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER');
