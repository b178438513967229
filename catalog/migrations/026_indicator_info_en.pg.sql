-- 026_indicator_info_en.sql for PostgreSQL: IF NOT EXISTS, as this
-- migration may run again under another number. Its Go step
-- (fillDemoInfoEN) fills the demo framework's empty info_en.
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS info_en TEXT NOT NULL DEFAULT '';
ALTER TABLE round_indicator ADD COLUMN IF NOT EXISTS info_en TEXT NOT NULL DEFAULT '';
