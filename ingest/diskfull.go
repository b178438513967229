package ingest

import (
	"fmt"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// diskFull gives a full disk, a used-up quota or a read-only file system
// (blob.DiskError) that reached the pipeline or an upload untranslated —
// from the index, or a store that does not classify its errors — the code
// and message the folder store gives its own: EUNAVAILABLE, so an upload
// is refused with a message a person can act on and a document being read
// waits and is tried again instead of failing. Any other error is
// returned as it is.
func diskFull(err error) error {
	if catalog.ErrorCode(err) != catalog.EINTERNAL {
		return err
	}
	if e := blob.DiskError(err); e != nil {
		return fmt.Errorf("%w: %w", e, err)
	}
	return err
}
