-- The reader of a text some of whose pages OCR read inside another
-- reader (a scanned PDF's or OFD's pages) is recorded as that reader with
-- "+ocr" (ingest/extract.ReaderOf), whose version adds the OCR reader's
-- revision to its own: such a text is outdated when OCR's rules rise
-- though the PDF reader's do not. The texts recorded before are named so
-- here from the page sources the catalog holds; their version, the PDF
-- reader's alone, is below every pdf+ocr version, so the admin page offers
-- them for reading again once (their OCR's rules are not on record).
UPDATE document SET reader = reader || '+ocr'
	WHERE reader_version IS NOT NULL AND reader NOT IN ('', 'ocr') AND reader NOT LIKE '%+ocr'
	AND (',' || page_sources || ',' LIKE '%,ocr,%' OR ',' || page_sources || ',' LIKE '%,ocr-low,%');
-- The citations and values citing a text, whichever their quote's mark:
-- a text read anew has their quotes looked for again (RecheckQuotes).
-- IF NOT EXISTS: this migration may run again under another number.
CREATE INDEX IF NOT EXISTS citation_text ON citation (sha256);
CREATE INDEX IF NOT EXISTS value_text ON value (sha256);
