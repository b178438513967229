-- Secrets the archive keeps for itself, one row per use.
--
-- A passage pasted into the search box is kept under a key (migration
-- 041) that was the first 128 bits of its SHA-256: anyone who knew a text
-- could compute its key and learn from /search?passage=KEY whether
-- someone had pasted it in the last 30 days. The key is now an HMAC-SHA-256
-- of the text under a random secret of the archive (use
-- 'search-passage'), which no one outside the catalog knows, so a key
-- cannot be derived from a text. The secret lives in the catalog, not in
-- a node's data folder, so every node of a shared catalog gives a text
-- the same key; a copy to PostgreSQL (evidence catalog migrate) takes it
-- along.
--
-- The row is written by the migration's Go step (fillArchiveSecrets: SQL
-- has no portable random bytes). IF NOT EXISTS, as the migration may run
-- again under another number.
CREATE TABLE IF NOT EXISTS archive_secret (
    purpose    TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
