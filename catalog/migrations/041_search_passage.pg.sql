-- 041_search_passage.sql for PostgreSQL (see there).
CREATE TABLE IF NOT EXISTS search_passage (
    passage_key TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    used_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_passage_used ON search_passage (used_at);
