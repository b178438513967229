-- Indexes for the admin page's counts of what newer readers would read
-- again (TallyReaders) and 重新读取's choice of texts to read: the live
-- documents' readers, field revisions and bytes are counted from
-- document_reader alone, without reading the documents' rows, and the
-- texts in which a claim or a value found its passage from the two
-- partial indexes (FoundCitations, FoundCitationsOf too). IF NOT EXISTS:
-- a catalog opened by a build that numbered this migration 23 (before
-- 023_submission_assignment.sql) runs it again as 24.
CREATE INDEX IF NOT EXISTS document_reader ON document (status, deleted_at, reader, reader_version, fields_revision, sha256);
CREATE INDEX IF NOT EXISTS citation_found ON citation (sha256) WHERE quote_found <> 0;
CREATE INDEX IF NOT EXISTS value_found ON value (sha256) WHERE quote_found <> 0;
