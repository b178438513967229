-- Passages pasted into the search box, each kept under a short key (the
-- hash of its text) so that the search's address names the key, not the
-- passage: a passage of 2,000 characters is some 18 KB in a URL, which
-- proxies refuse (414) and browsers keep in their history and send as the
-- referrer. The key is the search's link across nodes and restarts.
--
-- used_at is when the passage was last kept or read (RFC 3339 text, as
-- other times); keeping one forgets those unused for
-- catalog.PassageUnused, so the table stays bounded.
CREATE TABLE IF NOT EXISTS search_passage (
    passage_key TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    used_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_passage_used ON search_passage (used_at);
