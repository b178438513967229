-- 035_submission_handin.sql for PostgreSQL: IF NOT EXISTS, as the
-- migration may run again under another number; the Go step (handIn035)
-- fills it as on SQLite.
ALTER TABLE submission ADD COLUMN IF NOT EXISTS handin TEXT NOT NULL DEFAULT '';
