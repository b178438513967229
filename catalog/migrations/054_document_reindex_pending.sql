-- The documents whose index entry is to be written again: extracted after
-- they were first indexed (an edit, a repair's reading, a move on another
-- node), whose index copy a search's facets and hits correct by the
-- catalog (PendingIndexChanges, SearchStampsExtracted). A fresh upload is
-- extracted with no first indexed time: no index holds a copy of it to
-- correct, and it never enters this index, so the ingest writes nothing
-- to it and a search during uploads finds it empty at once.
--
-- The literal 'extracted' (not a parameter) lets both SQLite and
-- PostgreSQL prove a query's WHERE implies the index's; its columns are
-- the query's own, so that SQLite, which does not know how few rows a
-- partial index holds, prefers it to document_reader_status for the same
-- equalities (it reads it alone, covering).
--
-- The same text serves SQLite and PostgreSQL, and may run again.
CREATE INDEX IF NOT EXISTS document_reindex_pending ON document (status, deleted_at, indexed_at)
	WHERE status = 'extracted' AND indexed_at <> '' AND deleted_at IS NULL;
