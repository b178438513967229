-- 029_returned_files.sql for PostgreSQL: IF NOT EXISTS, as this migration
-- may run again under another number; the Go step (returnedFiles029)
-- marks past returns and unlinks their old links as on SQLite.
ALTER TABLE assignment_document ADD COLUMN IF NOT EXISTS returned_at TEXT NOT NULL DEFAULT '';
ALTER TABLE assignment_document ADD COLUMN IF NOT EXISTS returned_by TEXT NOT NULL DEFAULT '';
ALTER TABLE assignment_document ADD COLUMN IF NOT EXISTS return_reason TEXT NOT NULL DEFAULT '';
