// Package blob keeps the archive's immutable objects: the original bytes of
// every uploaded document and the text extracted from it.
//
// Together with the catalog, the blob store is the source of truth; the
// search index is derived from both and can always be rebuilt. Keys are
// chosen by the program, never by users, and follow one layout:
//
//	originals/<sha256>       the bytes as uploaded, with their content type
//	text/<sha256>.json       {"extractor":"pdf","version":1,"pages":["…"]}
//
// Because the keys are content addresses, writing the same key twice writes
// the same bytes, so Put is idempotent and needs no locking.
//
// Two implementations share the Store contract:
//
//   - Folder keeps objects as plain files under a local folder. It is the
//     default and needs no other service.
//   - S3 keeps objects in one bucket of an S3-compatible service (MinIO,
//     Versity Gateway, a cloud store), so several nodes can share them.
//
// Each Put is durable when it returns. The folder store can also put many
// objects with their syncs shared (FilesPutter: one upload request's
// originals; LazyPutter: a bulk load's texts, made durable by one Flush
// before the catalog records them), which on Linux syncs the whole file
// system once (syncfs) instead of each file and folder: a fraction of the
// cost (bench/README.md, ingest step 19).
//
// Both report failures as catalog errors: a missing key is ENOTFOUND, a
// malformed key is EINVALID, and an object store that cannot be reached is
// EUNAVAILABLE with a message a person can act on. The package blobtest
// holds the conformance suite that every implementation must pass.
package blob
