-- What a check of an evidence pack (packs.CheckOriginals, and the hash
-- of each original as a pack sends it) found whole: the stored original
-- of SHA-256 sha256, as the blob store's version (blob.Info.Version: the
-- folder's file time and inode, S3's ETag) named it when it was hashed,
-- and when. A pack takes an original whose stored object has that
-- version still as whole without reading it again, so that a restart of
-- the server does not hash every original anew; an original put again
-- (a restore, a repair) has another version and is hashed again. Found
-- damaged or missing, its row is deleted. Only a cache of hashing: losing
-- it costs time, never a verdict. PostgreSQL has its twin
-- (031_original_verdicts.pg.sql); IF NOT EXISTS, as the migration may run
-- again under another number.
CREATE TABLE IF NOT EXISTS original_whole (
    sha256     TEXT PRIMARY KEY,
    version    TEXT NOT NULL,
    checked_at TEXT NOT NULL
);
