-- 032_link_quote_found.sql for PostgreSQL: the same columns (see there);
-- IF NOT EXISTS, as the migration may run again under another number.
ALTER TABLE link ADD COLUMN IF NOT EXISTS quote_found INTEGER;
ALTER TABLE link ADD COLUMN IF NOT EXISTS found_on_page INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_quote ADD COLUMN IF NOT EXISTS quote_found INTEGER;
ALTER TABLE link_quote ADD COLUMN IF NOT EXISTS found_on_page INTEGER NOT NULL DEFAULT 0;
