-- Fields read from a document's text rather than typed by its uploader
-- (issue 12): a comma-separated list of title, doc_number, issuer,
-- issued_on and round ("" when every field was typed or is empty). An edit
-- that changes a field removes it from the list.
ALTER TABLE document ADD COLUMN extracted_fields TEXT NOT NULL DEFAULT '';
