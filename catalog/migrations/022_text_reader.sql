-- The reader that gave a document's stored text, and the version of its
-- rules (ingest.StoredText's Extractor and Version), so that the admin
-- page counts the texts an older reader read without loading every text
-- blob. Filled on every extraction; NULL reader_version means unknown: a
-- text extracted before this column, whose version only its blob holds.
-- Such documents are counted apart (读取器版本未记录) until the admin's
-- 重新读取 (or `evidence repair --outdated`) loads their texts and records
-- what it finds.
ALTER TABLE document ADD COLUMN reader TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN reader_version INTEGER;
