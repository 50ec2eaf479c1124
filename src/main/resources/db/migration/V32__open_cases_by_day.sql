-- The open cases by stage and by the day of their submission in Tokyo, the zone of the statutory clock
-- (CaseClock.openCases, the dashboard): counted in the index's order, one pass and no sort or hash of 100,000 rows.
-- The zone is written into the statement as into this index; the predicate is ApplicationStatus.OPEN, as for V23's.
CREATE INDEX application_open_by_stage_and_day
    ON application (stage, ((submitted_at AT TIME ZONE 'Asia/Tokyo')::date))
    WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER');
