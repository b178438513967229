-- 040_value_document.sql for PostgreSQL (see there).
CREATE INDEX IF NOT EXISTS value_document ON value (document_id);
