-- Hand-ins left uploading by a node that stopped, on a shared catalog
-- (PostgreSQL, several nodes). A hand-in still uploading holds its task
-- against deletion (035_submission_handin.sql); a one-machine archive
-- sweeps those at start, but a node of a shared catalog cannot tell its
-- own dead uploads from another node's live ones, so a node killed in the
-- middle of one held its task for ever.
--
-- submission.upload_node is the node whose upload wrote the submission
-- (the name its extraction leases carry, lease_owner: host, process and a
-- random part, new at each start); '' for one written before this
-- migration, or by a caller that names none. node_heartbeat is each
-- node's sign of life: the node renews alive_at (RFC 3339 text, the
-- node's clock, as lease_until) while it runs, and every node abandons
-- the hand-ins of a node silent for longer than catalog.NodeSilence
-- (AbandonStoppedNodesHandIns); one of no node is abandoned only once
-- catalog.UnknownNodeHandInAge old, as nothing tells whose upload it is.
--
-- The partial index keeps that sweep, run by every node every half
-- minute, to the few hand-ins uploading, not the whole table.
--
-- The Go step (addUploadNode, migrationFills) adds the column where
-- missing (SQLite has no ADD COLUMN IF NOT EXISTS), so the migration may
-- run again under another number; PostgreSQL adds it in the twin
-- 039_node_heartbeat.pg.sql.
CREATE TABLE IF NOT EXISTS node_heartbeat (
    node     TEXT PRIMARY KEY,
    alive_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submission_uploading ON submission (at) WHERE handin = 'uploading';
