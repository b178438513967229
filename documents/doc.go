// Package documents is what people do with a stored document: find it,
// read its metadata, text and original, see its links and suggested
// indicators, correct its metadata and delete it. Every method takes the
// acting user and applies the city scope (catalog.User.ScopeCities) and
// the edit rules itself, so the API, the web UI and the CLI answer alike.
// Uploading is ingest's job; linking to indicators is ingest's too,
// because each link rewrites the document's index entry.
package documents
