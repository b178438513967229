// Package packs writes and checks evidence packs (佐证材料包): one ZIP per
// city and monitoring round that a reviewer can take away and verify
// without the archive.
//
// A pack holds
//
//	originals/<document id>-<title>.<ext>  each document the city's report cites or links, byte for byte as uploaded
//	report.xlsx                            the city's monitoring report for the round (package report)
//	README.txt                             how to verify, in the report's language (Chinese, or English)
//	manifest.csv                           path,sha256,document_id,title,doc_number,indicators — one row per file above
//
// A pack is written in its report's language (report.Report.Lang): the
// report, the README, the manifest's titles of the files the archive makes,
// its withdrawn mark and the pack's own file name; the originals keep the
// titles the users gave their documents.
//
// Names inside the pack are made by the archive (document id, a title
// reduced to letters, digits and a few brackets, an extension of at most
// eight letters), never taken from a path a user sent. manifest.csv comes
// last, once every hash is known; it starts with a UTF-8 byte order mark so
// that Excel and WPS read the Chinese, and any cell that would start a
// formula (=, +, -, @) is prefixed with an apostrophe.
//
// A pack is streamed: each original is copied from the blob store reader
// into the ZIP writer and hashed on the way, so memory does not grow with
// the number or size of documents. An original whose bytes no longer match
// its SHA-256 stops the pack with an error rather than ship a manifest that
// vouches for damaged bytes. Before the first byte, CheckOriginals hashes
// the originals a few at once so that a damaged one can be refused with
// the documents named (the API's 409): one a pack hashed whole before
// at the same stored version (blob.Info.Version) is not read again —
// the catalog keeps these verdicts (Documents.WholeOriginals), as it
// keeps the hash of each original sent, so they hold across processes
// and restarts — one flagged damaged in the catalog and found whole has
// its flag cleared with an audit entry, one found damaged is hashed
// first next time, and the hashing
// stops at a budget (DefaultCheckBudget) that keeps the first byte within
// a reverse proxy's patience, leaving the rest to the hash on the way.
//
// Verify re-hashes every file of a pack against its manifest and names each
// mismatch, missing file and file the manifest does not list.
package packs
