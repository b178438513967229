-- 047_deleted_copies.sql for PostgreSQL (see there): the same partial
-- index of the deleted documents by bytes and city. IF NOT EXISTS, as
-- the migration may run again under another number.
CREATE INDEX IF NOT EXISTS document_deleted_sha_city ON document (sha256, city) WHERE deleted_at IS NOT NULL;
