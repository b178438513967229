-- 036_citation_numbers.sql for PostgreSQL (see there): IF NOT EXISTS, as
-- the migration may run again under another number; the Go step
-- (fillCitationNumbers) fills the column as on SQLite.
ALTER TABLE claim ADD COLUMN IF NOT EXISTS citations_numbered INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS event_about (
    event_id BIGINT NOT NULL REFERENCES event(id),
    object   TEXT NOT NULL,
    PRIMARY KEY (object, event_id)
);
