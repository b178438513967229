-- 033_submission_role.sql for PostgreSQL: IF NOT EXISTS, as the migration
-- may run again under another number; the Go step (fillSubmissionRoles)
-- fills the roles of existing submissions as on SQLite.
ALTER TABLE submission ADD COLUMN IF NOT EXISTS role TEXT NOT NULL DEFAULT '';
