-- 044_archive_secret.sql for PostgreSQL (see there): the same table; the
-- secret is written by the same Go step.
CREATE TABLE IF NOT EXISTS archive_secret (
    purpose    TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
