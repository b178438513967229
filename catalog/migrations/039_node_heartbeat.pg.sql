-- 039_node_heartbeat.sql for PostgreSQL (see there): IF NOT EXISTS, as
-- the migration may run again under another number.
ALTER TABLE submission ADD COLUMN IF NOT EXISTS upload_node TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS node_heartbeat (
    node     TEXT PRIMARY KEY,
    alive_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submission_uploading ON submission (at) WHERE handin = 'uploading';
