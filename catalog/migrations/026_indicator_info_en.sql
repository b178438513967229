-- The 信息性质说明 (info) in English, as framework files give it (info_en
-- column or key): English pages show it, the Chinese info where it is
-- empty. round_indicator keeps it with a round's names. Numbered 026
-- after 025_ocr_reader.sql, written on another branch at the same time:
-- on a branch without that file this one runs as version 25, and runs
-- again under 026 once that file lands. So the columns are added only
-- where missing: on SQLite, which has no ADD COLUMN IF NOT EXISTS, by the
-- Go step (addInfoENColumns, migrationFills); on PostgreSQL by the twin
-- 026_indicator_info_en.pg.sql.
SELECT 1;
