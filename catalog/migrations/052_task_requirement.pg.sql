-- 052_task_requirement.sql for PostgreSQL (see there): IF NOT EXISTS, as
-- the migration may run again under another number.
ALTER TABLE assignment ADD COLUMN IF NOT EXISTS requirement TEXT;
