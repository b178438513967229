-- A value found by the document it cites: deleting a document (its
-- confirmation's count, the claims and values it reopens), the document
-- page's near duplicates and their use all ask which values cite a
-- document, and without this each asked over the whole value table.
CREATE INDEX IF NOT EXISTS value_document ON value (document_id);
