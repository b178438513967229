package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"sync"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// VerifiedTexts is a blob store whose stored texts, read whole, are held
// to the hash the catalog recorded when they were written (text_hash):
// a text replaced or altered in the store, by hand or by a fault, reads
// as damaged (ErrBadText, which says to run check and repair) rather than
// as evidence. Without it only `evidence check` notices, and the pages
// that show a text and mark a quote 引文已在该页找到 would show another
// text under that mark.
//
// What is read whole is checked at its end: LoadText's read, and a
// TextPages read through to its end and then Verified. Ranges of a text
// (a page view reading by its page index) are not: the page index is
// built by a read through, checked, and named by the blob's version, so a
// text put again since is read through, and checked, again. Other keys
// (originals, thumbnails) pass through.
type VerifiedTexts struct {
	blob.Store
	cat *catalog.Store

	// verified names, by text key, the blob version last read whole and
	// found as recorded: read again unchanged, a text costs neither the
	// catalog query nor the hash (a values tab reads one text a value).
	// A text written anew has a new version.
	mu       sync.Mutex
	verified map[string]string
}

// maxVerified bounds what verified keeps: past it, it starts again.
const maxVerified = 4096

// NewVerifiedTexts wraps store so that texts are held to cat's record;
// without a catalog (a service used on texts alone) it is store.
func NewVerifiedTexts(store blob.Store, cat *catalog.Store) blob.Store {
	if _, ok := store.(*VerifiedTexts); ok || cat == nil {
		return store
	}
	return &VerifiedTexts{Store: store, cat: cat}
}

// Get is the store's Get; a text with a recorded hash is read through a
// reader that checks it at its end.
func (v *VerifiedTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	rc, err := v.Store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	return v.verifying(ctx, key, rc)
}

// GetRange is the store's GetRange; a whole text read by it (from its
// start, to its end) is checked as Get's.
func (v *VerifiedTexts) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	rc, err := v.Store.GetRange(ctx, key, off, n, version)
	if err != nil || off != 0 || n >= 0 {
		return rc, err
	}
	return v.verifying(ctx, key, rc)
}

func (v *VerifiedTexts) verifying(ctx context.Context, key string, rc io.ReadCloser) (io.ReadCloser, error) {
	sha, ok := strings.CutPrefix(key, "text/")
	if !ok || !strings.HasSuffix(sha, ".json") {
		return rc, nil
	}
	sha = strings.TrimSuffix(sha, ".json")
	info, err := v.Store.Stat(ctx, key)
	if err == nil && info.Version != "" {
		v.mu.Lock()
		seen := v.verified[key] == info.Version
		v.mu.Unlock()
		if seen {
			return rc, nil
		}
	}
	want, err := v.cat.TextHashOf(ctx, sha)
	if catalog.IsNotFound(err) {
		return rc, nil // stored before hashes were recorded: check says so
	}
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("recorded hash of %s: %w", key, err)
	}
	r := &verifyingReader{ReadCloser: rc, want: want, sum: sha256.New()}
	if info.Version != "" {
		// Seen whole and as recorded, this version is not checked again.
		r.verified = func() { v.remember(key, info.Version) }
	}
	return r, nil
}

func (v *VerifiedTexts) remember(key, version string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.verified == nil || len(v.verified) >= maxVerified {
		v.verified = map[string]string{}
	}
	v.verified[key] = version
}

// verifyingReader hashes what is read through it and, at the end, reads
// as an error when the bytes are not those recorded.
type verifyingReader struct {
	io.ReadCloser
	want catalog.TextHash
	sum  hash.Hash
	n    int64
	err  error // the verdict, once the end was read
	// verified is called once the whole was read as recorded.
	verified func()
}

// errTextNotAsRecorded is the end of a text that is not the one written.
var errTextNotAsRecorded = errors.New("the stored text is not the one written")

func (r *verifyingReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.ReadCloser.Read(p)
	r.sum.Write(p[:n])
	r.n += int64(n)
	if err == io.EOF {
		if got := hex.EncodeToString(r.sum.Sum(nil)); got != r.want.SHA256 || r.n != r.want.Size {
			r.err = fmt.Errorf("%w: SHA-256 %s of %d bytes, recorded %s of %d", errTextNotAsRecorded, got, r.n, r.want.SHA256, r.want.Size)
			return n, r.err
		}
		r.err = io.EOF
		if r.verified != nil {
			r.verified()
		}
	}
	return n, err
}

// Verify reads what is left and says whether the whole was the text
// recorded (nil), or why not.
func (r *verifyingReader) Verify() error {
	_, err := io.Copy(io.Discard, r)
	return err
}

// Verify reads the rest of the blob once its pages (and Reading) were
// read, and says whether the blob was the text recorded when it was
// written, where the store it was opened from keeps that record
// (VerifiedTexts): ErrBadText when it was not. Nil from other stores.
func (t *TextPages) Verify() error {
	v, ok := t.rc.(*verifyingReader)
	if !ok {
		return nil
	}
	if err := v.Verify(); err != nil {
		return t.damaged(err, "")
	}
	return nil
}
