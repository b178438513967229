-- 042_catalog_identity.sql for PostgreSQL (see there): the same tables;
-- the identity row is written by the same Go step.
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
