-- The same bytes may be evidence for several cities (a provincial notice,
-- a national policy): each city gets its own document record, while the
-- original and its text are stored once, by SHA-256.
DROP INDEX document_live_sha;
CREATE UNIQUE INDEX document_live_sha_city ON document (sha256, city) WHERE deleted_at IS NULL;
