package blob

import (
	"context"
	"fmt"
	"io"
	"os"
)

// LazyPutter is implemented by stores whose Put waits for a disk sync of
// its own and that can instead put objects whose syncs are made together
// later, by one Flush: a bulk load's extracted texts, a few thousand a
// minute, need not each be durable before the catalog records them, and
// one sync for a batch of them costs a fraction of one sync each
// (bench/README.md, ingest step 19).
type LazyPutter interface {
	// PutLazy stores the object as Put does — readers see the old object
	// or the new one whole, at once — but it is not durable until a Flush
	// called after PutLazy returned has returned nil: a crash or power cut
	// before that may leave the key missing, or present with its bytes
	// lost (empty, zeros, or what the disk held before). A caller must
	// Flush before it records anything that trusts the object, and must
	// check what it reads back after a crash.
	PutLazy(ctx context.Context, key string, r io.Reader, size int64, contentType string) error

	// Flush makes every object PutLazy stored before Flush was called as
	// durable as Put's, or says why it could not. A failed Flush may
	// concern any object put before it, even one that a later Flush then
	// reports durable (a page whose write failed is not written again):
	// a caller must treat every object put before a failed Flush as
	// lost, and put it again (ingest does, by counting its flushes).
	// Flush may be called from several goroutines.
	Flush(ctx context.Context) error
}

var _ LazyPutter = (*Folder)(nil)

// PutLazy implements LazyPutter: the object's file is written and renamed
// into place without syncs; Flush syncs the file system. Where the file
// system cannot be synced as one (not Linux, or before 5.8), PutLazy is
// Put.
func (f *Folder) PutLazy(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if !f.sharedSyncs {
		return f.Put(ctx, key, r, size, contentType)
	}
	// Held while the object is written, so that the whole write is in one
	// epoch: its write errors are after that epoch's handle was opened.
	f.lazy.RLock()
	defer f.lazy.RUnlock()
	o, err := f.prepareWrite(ctx, key, r, size, contentType, false)
	if err != nil {
		return err
	}
	_, err = f.place(ctx, o)
	return err
}

// Flush implements LazyPutter by one sync of the whole file system
// (syncfs) through the handle of the epoch it ends. Linux reports to a
// handle every write-back error that came after it was opened, so a
// handle opened before the epoch's first write, and used for nothing
// else, hears of a failed write of any of its objects; a fresh handle
// would not hear of one before it was opened.
func (f *Folder) Flush(ctx context.Context) error {
	if !f.sharedSyncs {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	next, err := os.Open(f.objects)
	if err != nil {
		return f.fail("flush", "objects", err)
	}
	f.lazy.Lock()
	ended := f.epoch
	f.epoch = next
	f.lazy.Unlock()
	defer ended.Close()
	if err := syncFS(ended); err != nil {
		return f.fail("flush", "objects", err)
	}
	return nil
}

// putTogether is PutFiles for several files to write, where the file
// system can be synced as one: the files held in memory are written
// unsynced, one sync of the file system makes their bytes durable, they
// are renamed into place, and a second sync makes the renames durable.
// Two syncs a request instead of one for each file and folder; and an
// object under its key is still always whole, which callers rely on when
// they find one stored (LocalFile.Present). A file moved in (Path) was
// written before the handle was opened, and a failed write of it
// reported to another handle would not be heard of: it is synced on its
// own, whose failure only its own file hears of.
func (f *Folder) putTogether(ctx context.Context, files []LocalFile) []error {
	errs := make([]error, len(files))
	// Opened before any write, so that its syncs hear of every failed one.
	h, err := os.Open(f.objects)
	if err != nil {
		for i, lf := range files {
			errs[i] = f.fail("put", lf.Key, err)
		}
		return errs
	}
	defer h.Close()
	ready := make([]readyObject, len(files))
	for i, lf := range files {
		switch {
		case lf.Present:
			_, errs[i] = f.presentObject(lf.Key)
		case lf.Path == "":
			ready[i], errs[i] = f.prepareWrite(ctx, lf.Key, lf.Body, lf.Size, lf.ContentType, false)
		default:
			ready[i], errs[i] = f.prepareMove(ctx, lf.Key, lf.Path, lf.Size, lf.ContentType, true)
		}
	}
	if err := syncFS(h); err != nil {
		for i, lf := range files {
			if errs[i] == nil {
				if !lf.Present {
					f.discard(ready[i])
				}
				errs[i] = f.fail("put", lf.Key, err)
			}
		}
		return errs
	}
	for i, lf := range files {
		if errs[i] == nil && !lf.Present {
			_, errs[i] = f.place(ctx, ready[i])
		}
	}
	if err := syncFS(h); err != nil {
		// Renamed in, perhaps, but not known durable.
		for i, lf := range files {
			if errs[i] == nil {
				errs[i] = f.fail("put", lf.Key, err)
			}
		}
	}
	return errs
}

// writesSeveral says whether files has more than one file to write, for
// which putTogether's two syncs cost less than a sync each.
func writesSeveral(files []LocalFile) bool {
	n := 0
	for _, lf := range files {
		if !lf.Present {
			n++
		}
	}
	return n > 1
}

// syncFS is a variable for the tests that count or fail file-system
// syncs.
var syncFS = syncFileSystem
