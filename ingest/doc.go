// Package ingest takes files into the archive and keeps the index in step
// with the catalog.
//
// Upload holds the rules of an upload for every surface (who may upload
// for which city, defaults, metadata and indicator checks); Submit stores
// one staged file content-addressed in the blob store and records it in
// the catalog; the pipeline (pipeline.go) then extracts its text to
// text/<sha256>.json and indexes it, moving the document stored →
// extracted → indexed, or failed with a reason a coordinator can act on.
// Wait lets a caller follow documents until they finish. Links and edits
// rewrite a document's index entry at once (links.go); Reconcile, Rebuild
// and Check repair and verify the derived index against the catalog and
// the stored text (reconcile.go).
package ingest
