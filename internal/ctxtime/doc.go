// Package ctxtime waits as long as a context lets it: the one pause the
// ingest service's node checks and the CLI's retries share.
package ctxtime
