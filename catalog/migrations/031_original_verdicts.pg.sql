-- 031_original_verdicts.sql for PostgreSQL: the same table (see there);
-- IF NOT EXISTS, as the migration may run again under another number.
CREATE TABLE IF NOT EXISTS original_whole (
    sha256     TEXT PRIMARY KEY,
    version    TEXT NOT NULL,
    checked_at TEXT NOT NULL
);
