-- Indexes for 部分重复 (part of another): SameDocNumber looks up the live
-- documents of a city with given 文号 once an index batch and once a
-- document in a reindex, which without an index read every document of
-- the city; NearDuplicates finds the documents that are part of one
-- (near_duplicates rows by other_id) on every document page, which
-- without an index read all of near_duplicates. IF NOT EXISTS: the
-- migration may run again (a catalog that recorded it under a lower
-- number, before 025 and 026 landed).
CREATE INDEX IF NOT EXISTS document_doc_number ON document (city, doc_number) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS near_duplicates_other ON near_duplicates (other_id, document_id);
