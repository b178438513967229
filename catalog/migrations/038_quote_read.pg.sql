-- 038_quote_read.sql for PostgreSQL (see there): IF NOT EXISTS, as the
-- migration may run again under another number.
ALTER TABLE citation ADD COLUMN IF NOT EXISTS quote_read TEXT NOT NULL DEFAULT '';
ALTER TABLE value ADD COLUMN IF NOT EXISTS quote_read TEXT NOT NULL DEFAULT '';
ALTER TABLE link ADD COLUMN IF NOT EXISTS quote_read TEXT NOT NULL DEFAULT '';
ALTER TABLE link_quote ADD COLUMN IF NOT EXISTS quote_read TEXT NOT NULL DEFAULT '';
