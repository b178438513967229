-- The unit the cited passage writes a value's number in when it is not
-- the value's (单位不符: 56场 cited for 56%), so that the reviewer sees
-- both; '' when the passage writes none, or the value's own.
ALTER TABLE value ADD COLUMN passage_unit TEXT NOT NULL DEFAULT '';
