-- What was written as each document's extracted text (issue 15): the
-- SHA-256 and size of the text blob text/<sha256>.json at the moment the
-- pipeline wrote it, keyed by the original's SHA-256 like the blob. evidence
-- check compares the blob with it, so that a text emptied, truncated or
-- replaced by another valid text is found, as a changed original is.
-- Text stored before this table existed has no row; check then only
-- verifies that it reads.
CREATE TABLE IF NOT EXISTS text_hash (
    sha256      TEXT PRIMARY KEY,
    text_sha256 TEXT NOT NULL,
    size        INTEGER NOT NULL
);
