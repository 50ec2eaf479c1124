-- Issue 11: the uploads each issuer organisation has made in its current window, one row per organisation.
-- Kept in the database rather than in memory so the limit holds however many nodes serve the uploads: every
-- node counts through the same row, by one atomic upsert.
CREATE TABLE upload_rate (
    organisation_id    uuid         PRIMARY KEY REFERENCES organisation (id),
    window_started_at  timestamptz  NOT NULL,
    uploads            integer      NOT NULL CHECK (uploads >= 0)
);
