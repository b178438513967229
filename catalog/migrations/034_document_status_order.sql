-- The live documents of one status in the listing's order (GET
-- /api/v1/documents?status=…, /documents filtered by status): with an
-- index on status alone every document of the status went through the
-- sort for one page, 2.6 ms of CPU at 5,000 documents and ≈ 90 ms at
-- 50,000, which a client waiting for an ingest to end asks every second
-- or two (bench/README.md, ingest step 21). With (status, uploaded_at,
-- id) the page is read in order and the sort is gone; the index on status
-- alone is its prefix and goes. The same text serves SQLite and
-- PostgreSQL, and may run again under another number.
CREATE INDEX IF NOT EXISTS document_status_order ON document (status, uploaded_at, id);
CREATE INDEX IF NOT EXISTS document_uploaded_order ON document (uploaded_at, id);
DROP INDEX IF EXISTS document_status;
