-- 045_passage_scope.sql for PostgreSQL (see there): IF NOT EXISTS, as the
-- migration may run again under another number.
ALTER TABLE search_passage ADD COLUMN IF NOT EXISTS scope TEXT NOT NULL DEFAULT '';
DELETE FROM search_passage WHERE scope = '';
