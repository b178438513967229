-- The deleted copies of bytes in a city: every upload asks whether a
-- file's bytes are those of a deleted document of the city, which it
-- offers to restore instead (Store.DeletedCopiesBySHA256). Its query,
-- city = ? AND deleted_at IS NOT NULL AND sha256 IN (…), had no index
-- to use: document_live_sha_city holds live documents only, so SQLite
-- walked document_city, every document of the city, for each upload
-- (4.8 CPU-s of serve's 101 in a minute of make load). Deleted documents
-- are few, and this index holds only them. IF NOT EXISTS, as the
-- migration may run again under another number.
CREATE INDEX IF NOT EXISTS document_deleted_sha_city ON document (sha256, city) WHERE deleted_at IS NOT NULL;
