-- Indexes of document that the ingest rewrote for little (issue 15,
-- bench/README.md ingest step 28). An upload inserts into each, and each
-- status move (stored, extracted, indexed) rewrites those holding a
-- column it changes; SQLite writes every page so dirtied to the WAL at
-- commit.
--
-- document_reader (migration 024) ended in sha256: a read document's
-- entry went to a random page of its status, a page of its own at each
-- move. Without sha256 a batch's entries follow each other at the end of
-- their status; TallyReaders finds the few cited texts by their bytes in
-- document_live_sha_city instead.
--
-- document_indexed_at held every document still to be indexed under '',
-- deleted again when it was; DocumentsIndexedSince never asks for those,
-- and reads the others in its order, id too, without a sort.
-- document_doc_number held every document without a 文号 under '', which
-- SameDocNumber never asks for either.
--
-- The same text serves SQLite and PostgreSQL, and may run again.
DROP INDEX IF EXISTS document_reader;
CREATE INDEX IF NOT EXISTS document_reader_status ON document (status, deleted_at, reader, reader_version, fields_revision);
DROP INDEX IF EXISTS document_indexed_at;
CREATE INDEX IF NOT EXISTS document_first_indexed ON document (indexed_at, id) WHERE indexed_at <> '';
DROP INDEX IF EXISTS document_doc_number;
CREATE INDEX IF NOT EXISTS document_doc_number_set ON document (city, doc_number) WHERE deleted_at IS NULL AND doc_number <> '';
