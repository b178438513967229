-- The place of a value's indicator in the framework's order (1.1.2 before
-- 1.1.10, which the text of the codes is not), as digits that sort so
-- under any collation (IndicatorOrder): the values list pages by
-- (city, indicator_order, round, id) in SQL instead of sorting every value
-- of its filter in memory. Filled for existing values by the migration's
-- Go step (fillValueOrder), for new ones when they are saved.
ALTER TABLE value ADD COLUMN indicator_order TEXT NOT NULL DEFAULT '';
CREATE INDEX value_order ON value (city, indicator_order, round, id);
