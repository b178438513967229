-- Saved searches and indicators' query packs (检索方案), issue 16.
--
-- document.indexed_at: when the document first became searchable (status
-- indexed), RFC 3339 text, '' until then. Re-indexing after an edit, a
-- link or a move keeps the first time, so "new since I last looked" means
-- documents that arrived, not documents that changed. Documents already
-- indexed take their upload time.
ALTER TABLE document ADD COLUMN indexed_at TEXT NOT NULL DEFAULT '';
UPDATE document SET indexed_at = uploaded_at WHERE status = 'indexed';
CREATE INDEX document_indexed_at ON document (indexed_at);

-- A search saved under a name by its owner: the query and its filters
-- (JSON: {"cities":[],"doc_types":[],"indicators":[],"years":[]}). With an
-- indicator code it belongs to that indicator's query pack, which every
-- signed-in user sees; without one only its owner sees it.
CREATE TABLE saved_search (
    id         TEXT PRIMARY KEY,
    owner      TEXT NOT NULL REFERENCES app_user(username),
    name       TEXT NOT NULL,
    query      TEXT NOT NULL DEFAULT '',
    filters    TEXT NOT NULL DEFAULT '{}',
    indicator  TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX saved_search_owner ON saved_search (owner, created_at);
CREATE INDEX saved_search_indicator ON saved_search (indicator, created_at);

-- When each user last opened a saved search (their own or a pack's):
-- documents indexed after seen_at are that user's new matches.
CREATE TABLE saved_search_seen (
    search_id TEXT NOT NULL REFERENCES saved_search(id) ON DELETE CASCADE,
    username  TEXT NOT NULL REFERENCES app_user(username),
    seen_at   TEXT NOT NULL,
    PRIMARY KEY (search_id, username)
);
