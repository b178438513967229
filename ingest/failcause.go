package ingest

import (
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// FailureCause tells what a failed document's failure is owed to, by its
// reason (extract.CauseOf): the file itself, which only a replacement
// mends; this server's setup (a program, the time limit) or the server at
// the time, after which Retry can succeed. It is extract.CauseUnknown for
// a document that has not failed, or failed without a reason.
func FailureCause(d *catalog.Document) extract.Cause {
	if d.Status != catalog.StatusFailed {
		return extract.CauseUnknown
	}
	return extract.CauseOf(d.Error)
}
