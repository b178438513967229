-- Extraction jobs shared by several nodes (issue 17): the node holding a
-- document's job (lease_owner) until lease_until (RFC 3339 text, "" for
-- none), and how many times a node took it (attempts), so that a document
-- whose extraction kills its worker is failed after a few tries instead of
-- looping. A single SQLite node uses them too, harmlessly.
ALTER TABLE document ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN lease_until TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
