-- 051_job_contract.sql for PostgreSQL (see there): IF NOT EXISTS, as the
-- migration may run again under another number.
ALTER TABLE document ADD COLUMN IF NOT EXISTS lease_token TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS schema_contract (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO schema_contract (name, value) VALUES ('job_lease', 1) ON CONFLICT (name) DO NOTHING;
