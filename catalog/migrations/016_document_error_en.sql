-- The English of a failed document's reason (Document.ErrorEnglish), for
-- the English pages and the API's error_en, recorded with the Chinese one
-- (error) when the document fails. NULL when the failure has no English: a
-- document failed before this column existed, or a reason not translated;
-- the Chinese reason is shown then.
ALTER TABLE document ADD COLUMN error_en TEXT;
