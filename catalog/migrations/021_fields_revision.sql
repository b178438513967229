-- Fields read from the text again when the field reader improves (ingest/
-- fields Revision): fields_revision is the revision of the reader that last
-- read a document's title, 文号, issuer and date from its text (0: before
-- this column, or never read), and `evidence repair --outdated` reads
-- again those of an older one. edited_fields names the fields a person
-- changed by an edit (as extracted_fields names those the text filled), so
-- that no reading ever writes over them, an emptied one included. Edits
-- made before this column were recorded only in the audit log, whose
-- document.edit events name the fields patched (not the value they
-- replaced): the migration's Go step (fillEditedFields) counts those of
-- each document as a person's.
ALTER TABLE document ADD COLUMN fields_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE document ADD COLUMN edited_fields TEXT NOT NULL DEFAULT '';
