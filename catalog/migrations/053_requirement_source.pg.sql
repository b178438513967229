-- 053_requirement_source.sql for PostgreSQL (see there): IF NOT EXISTS,
-- as the migration may run again under another number.
ALTER TABLE assignment ADD COLUMN IF NOT EXISTS requirement_source TEXT NOT NULL DEFAULT '';
UPDATE assignment SET requirement = substr(requirement, 2), requirement_source = '备注'
	WHERE left(requirement, 1) = chr(31);
