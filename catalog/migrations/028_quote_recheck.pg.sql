-- 028_quote_recheck.sql for PostgreSQL: IF NOT EXISTS, as this migration
-- may run again under another number.
ALTER TABLE citation ADD COLUMN IF NOT EXISTS recheck_error TEXT NOT NULL DEFAULT '';
ALTER TABLE value ADD COLUMN IF NOT EXISTS recheck_error TEXT NOT NULL DEFAULT '';
ALTER TABLE citation ADD COLUMN IF NOT EXISTS recheck_error_en TEXT;
ALTER TABLE value ADD COLUMN IF NOT EXISTS recheck_error_en TEXT;
