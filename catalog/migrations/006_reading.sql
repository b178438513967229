-- How each page was read (issue 11): where its text came from, the mean
-- OCR confidence, and the pages carrying a red official seal (公章).
-- page_sources is "text" or "ocr" per page, comma-separated ("" when
-- every page is text or nothing is extracted yet); seal_pages holds
-- 1-based page numbers, comma-separated.
ALTER TABLE document ADD COLUMN page_sources TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN ocr_confidence DOUBLE PRECISION; -- portable: REAL is 4 bytes on PostgreSQL
ALTER TABLE document ADD COLUMN seal_pages TEXT NOT NULL DEFAULT '';
