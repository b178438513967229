-- 037_document_archive.sql for PostgreSQL (see there): IF NOT EXISTS, as
-- the migration may run again under another number.
ALTER TABLE document ADD COLUMN IF NOT EXISTS archive TEXT;
