-- Which catalog this is, and how far each node's index has followed it.
--
-- Several nodes sharing a catalog (PostgreSQL) each keep an index that
-- follows the catalog's change numbers (ingest/follow.go). A catalog put
-- back to an earlier state (pg_restore of an older dump, evidence
-- restore) hands out again numbers a node has already applied, with other
-- changes behind them; comparing numbers alone tells that only while the
-- restored catalog is behind the node.
--
-- catalog_identity holds one row: a random id given once, when this
-- migration first runs (the Go step fillCatalogIdentity: SQL has no
-- portable random text), and given anew by evidence restore
-- (Store.MarkRestored: restored_from keeps the id it replaced, so the
-- copy and the catalog it was taken from are told apart). A pg_restore
-- brings back the old row, which is why follow_checkpoint exists.
--
-- follow_checkpoint holds, per node (by the name kept in its data
-- folder), the last change number its index may have reached and a
-- random mark the node writes before applying changes up to it, the
-- previous mark beside it (Store.RecordFollowCheckpoint). The node keeps
-- the same mark in its folder: a catalog restored from any dump taken
-- before the node wrote that mark holds neither mark, whatever its
-- numbers have reached since, and the node starts over.
--
-- Times are RFC 3339 text, as elsewhere. IF NOT EXISTS, as the migration
-- may run again under another number.
CREATE TABLE IF NOT EXISTS catalog_identity (
    id            TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    restored_from TEXT NOT NULL DEFAULT '',
    restored_at   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS follow_checkpoint (
    node      TEXT PRIMARY KEY,
    seq       BIGINT NOT NULL,
    mark      TEXT NOT NULL,
    prev_mark TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
);
