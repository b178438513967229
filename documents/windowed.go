package documents

import (
	"context"
	"io"

	"github.com/lcmonitor/evidence/blob"
)

// windowed is a store whose Get reads an object in ranges that double
// (blob.Store.GetRange), for a reader that stops early: the head of a
// text read for suggestions asks S3 for some of its first megabytes, not
// for all of a 30 MB text it then leaves.
type windowed struct {
	blob.Store
	first int64 // the first range's size
	// version is the object's version every range is read of ("": its
	// first range's is not known, any): a reading is never spliced from
	// an object and the one put in its place.
	version string
}

// Get opens the object's first range: a missing key is ENOTFOUND here,
// as for the store's Get.
func (w windowed) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	r := &windowReader{ctx: ctx, store: w.Store, key: key, size: w.first, version: w.version}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

// maxWindow is the largest range a windowReader asks for at once.
const maxWindow = 16 << 20

// windowReader reads an object one range after another.
type windowReader struct {
	ctx     context.Context
	store   blob.Store
	key     string
	version string
	rc      io.ReadCloser
	// off is where the current range begins, size its size, got how
	// much of it was read.
	off, size, got int64
}

func (r *windowReader) open() error {
	rc, err := r.store.GetRange(r.ctx, r.key, r.off, r.size, r.version)
	if err != nil {
		return err
	}
	r.rc, r.got = rc, 0
	return nil
}

func (r *windowReader) Read(p []byte) (int, error) {
	for {
		n, err := r.rc.Read(p)
		r.got += int64(n)
		if err != io.EOF {
			return n, err
		}
		if r.got < r.size {
			return n, io.EOF // the object ended within the range
		}
		// The range is read whole: on to the next, twice as long.
		r.rc.Close()
		r.off, r.size = r.off+r.size, min(2*r.size, maxWindow)
		if err := r.open(); err != nil {
			// The range closed is not closed again; reading on fails.
			r.rc = failedRange{err}
			return n, err
		}
		if n > 0 {
			return n, nil
		}
	}
}

func (r *windowReader) Close() error { return r.rc.Close() }

// failedRange stands for a range that failed to open.
type failedRange struct{ err error }

func (f failedRange) Read([]byte) (int, error) { return 0, f.err }
func (failedRange) Close() error               { return nil }
