-- Near duplicates (issue 12): documents whose text is at least 0.9 similar
-- (package neardup). near_duplicate_band holds each document's LSH band
-- hashes, so that the documents sharing a band with a new one are found by
-- the index on (band, hash) instead of a scan; a text too short or too
-- repetitive to compare has no rows. near_duplicates holds every pair both
-- ways with its Jaccard similarity. Rows of deleted documents stay and are
-- left out by joining with the live documents.
CREATE TABLE near_duplicate_band (
    document_id TEXT NOT NULL REFERENCES document(id),
    band        INTEGER NOT NULL,
    hash        BIGINT NOT NULL,
    PRIMARY KEY (document_id, band)
);
CREATE INDEX near_duplicate_band_hash ON near_duplicate_band (band, hash);

CREATE TABLE near_duplicates (
    document_id TEXT NOT NULL REFERENCES document(id),
    other_id    TEXT NOT NULL REFERENCES document(id),
    similarity  DOUBLE PRECISION NOT NULL, -- 8 bytes on both (REAL is 4 on PostgreSQL)
    PRIMARY KEY (document_id, other_id)
);
