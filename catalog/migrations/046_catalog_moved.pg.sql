-- 046_catalog_moved.sql for PostgreSQL (see there): the same table, which
-- stays empty here.
CREATE TABLE IF NOT EXISTS catalog_moved (
    destination TEXT NOT NULL,
    identity    TEXT NOT NULL,
    moved_at    TEXT NOT NULL
);
