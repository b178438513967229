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
	"sync/atomic"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// VerifiedTexts is a blob store whose stored texts are served only as the
// text the catalog recorded when it was written (text_hash): a text
// replaced or altered in the store, by hand or by a fault, reads as
// damaged (ErrBadText, which says to run check and repair) rather than as
// evidence. Without it only `evidence check` notices, and the pages that
// show a text and mark a quote 引文已在该页找到 would show another text
// under that mark.
//
// A text is held to its record in one of two ways, whichever the reading
// allows without reading the text twice:
//   - read whole (Get, or GetRange of all of it), it is hashed as it is
//     read and checked at its end: LoadText's read, and a TextPages read
//     through and then Verified. The reader must not use what it read
//     before that check (a page index, a quote's match, a find's
//     occurrences are kept until it);
//   - read in part (GetRange of a part: a page view by its page index, the
//     head read for suggestions), or served as it is read (OpenCheckedTextPages:
//     a /text answer streams its pages before their end), it is served
//     only from a blob version checked whole before: one not checked yet
//     is first read through in a streaming pass (a read buffer, not the
//     text) and checked.
//
// Either way the version found as recorded is remembered, so a text read
// again unchanged costs neither the catalog query nor the hash, and a text
// written anew (a new version) is checked anew. Other keys (originals,
// thumbnails) pass through.
type VerifiedTexts struct {
	blob.Store
	cat *catalog.Store

	// verified names, by text key, the blob version last read whole and
	// found as recorded: read again unchanged, a text costs neither the
	// catalog query nor the hash (a values tab reads one text a value).
	// A text written anew has a new version.
	// It is kept in two generations of at most maxVerified each: when the
	// newer fills, the older is dropped and the newer becomes it, and a
	// text found in the older is moved to the newer, so the texts in use
	// stay while a walk through thousands of others (an export, a
	// crawler) passes by, and nothing is ever forgotten all at once.
	mu       sync.Mutex
	verified map[string]string
	older    map[string]string
	// checking are the streaming checks under way, by key and version:
	// ranges of one text asked for at once (a dozen clients' /text) wait
	// for one pass rather than each reading the text through.
	checking map[string]*textCheck

	// hashed counts the texts hashed whole: Hashed.
	hashed atomic.Int64
}

// textCheck is a streaming check of one version of a text, and its end.
type textCheck struct {
	done chan struct{}
	err  error
}

var _ blob.Store = (*VerifiedTexts)(nil)

// maxVerified bounds each generation of what verified keeps.
const maxVerified = 4096

// NewVerifiedTexts wraps store so that texts are held to cat's record;
// without a catalog (a service used on texts alone) it is store. A store
// wrapped already is returned as it is: services given one share what it
// found as recorded (a text checked for the document page is not checked
// again for the claim page citing it).
func NewVerifiedTexts(store blob.Store, cat *catalog.Store) blob.Store {
	if _, ok := store.(*VerifiedTexts); ok || cat == nil {
		return store
	}
	return &VerifiedTexts{Store: store, cat: cat}
}

// Hashed is how many times a stored text was hashed whole to be held to
// its record, by a read through or a streaming check; a version found as
// recorded is not hashed again.
func (v *VerifiedTexts) Hashed() int64 { return v.hashed.Load() }

// Get is the store's Get; a text with a recorded hash, of a version not
// found as recorded before, is read through a reader that checks it at
// its end.
func (v *VerifiedTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	version := v.versionBefore(ctx, key)
	rc, err := v.Store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	return v.verifying(ctx, key, version, rc)
}

// versionBefore is the version of the text under key, learnt before it is
// opened ("" for any other key, or when the store cannot say). Learnt
// after, a text written again in between would have its new version
// remembered as checked on the strength of the old bytes; learnt before,
// the version remembered is the one read or one no longer current, which
// no later read of the current text finds.
func (v *VerifiedTexts) versionBefore(ctx context.Context, key string) string {
	if _, ok := textSHA(key); !ok {
		return ""
	}
	info, err := v.Store.Stat(ctx, key)
	if err != nil {
		return ""
	}
	return info.Version
}

// GetRange is the store's GetRange. A whole text read by it (from its
// start, to its end) is checked as Get's. A part of a text is read only
// from a version found as recorded: one not checked yet is checked first
// (check), and the part is read of the version checked.
func (v *VerifiedTexts) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	sha, ok := textSHA(key)
	if ok && (off != 0 || n >= 0) {
		checked, err := v.check(ctx, key, sha, version)
		if err != nil {
			return nil, err
		}
		return v.Store.GetRange(ctx, key, off, n, checked)
	}
	read := version
	if ok && read == "" {
		read = v.versionBefore(ctx, key)
	}
	rc, err := v.Store.GetRange(ctx, key, off, n, version)
	if err != nil || !ok {
		return rc, err
	}
	return v.verifying(ctx, key, read, rc)
}

// textSHA is the original's SHA-256 a text key names; false for any other
// key.
func textSHA(key string) (string, bool) {
	sha, ok := strings.CutPrefix(key, "text/")
	if !ok || !strings.HasSuffix(sha, ".json") {
		return "", false
	}
	return strings.TrimSuffix(sha, ".json"), true
}

// verifying is rc, a text read from its start (of version, when known:
// only then is it remembered as checked), read through a reader that checks it at its end unless its version was
// found as recorded before or it has no record.
func (v *VerifiedTexts) verifying(ctx context.Context, key, version string, rc io.ReadCloser) (io.ReadCloser, error) {
	sha, ok := textSHA(key)
	if !ok {
		return rc, nil
	}
	if v.seen(key, version) {
		return rc, nil
	}
	want, err := v.cat.TextHashOf(ctx, sha)
	if catalog.IsNotFound(err) {
		return rc, nil // stored before hashes were recorded: check says so
	}
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("recorded hash of %s: %w", key, err)
	}
	r := &verifyingReader{ReadCloser: rc, want: want, sum: sha256.New(), hashed: &v.hashed}
	if version != "" {
		// Seen whole and as recorded, this version is not checked again.
		r.verified = func() { v.remember(key, version) }
	}
	return r, nil
}

// seen says whether version of key was found as recorded before.
func (v *VerifiedTexts) seen(key, version string) bool {
	if version == "" {
		return false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.verified[key] == version {
		return true
	}
	if v.older[key] != version {
		return false
	}
	delete(v.older, key)
	v.keep(key, version)
	return true
}

func (v *VerifiedTexts) remember(key, version string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.keep(key, version)
}

// keep puts version of key in the newer generation, turning that into the
// older when it is full; v.mu is held.
func (v *VerifiedTexts) keep(key, version string) {
	if v.verified == nil || len(v.verified) >= maxVerified {
		v.older, v.verified = v.verified, make(map[string]string, maxVerified)
	}
	v.verified[key] = version
}

// check makes sure version of the text under key (its current version
// when "") is the text recorded, reading it through once in a streaming
// pass unless that version was found as recorded before, and returns the
// version checked, which the caller reads its part of: ErrBadText
// (ECONFLICT, saying to run check and repair) when it is not as recorded;
// an error wrapping blob.ErrChanged when version was given and the text
// was written again since. A text with no record passes, as it does read
// whole.
func (v *VerifiedTexts) check(ctx context.Context, key, sha, version string) (string, error) {
	if version != "" {
		return version, v.checkVersion(ctx, key, sha, version)
	}
	for tries := 1; ; tries++ {
		info, err := v.Store.Stat(ctx, key)
		if err != nil {
			return "", fmt.Errorf("stat %s: %w", key, err)
		}
		err = v.checkVersion(ctx, key, sha, info.Version)
		if errors.Is(err, blob.ErrChanged) && tries < 3 {
			continue // written again while it was read: check what it is now
		}
		if err != nil {
			return "", err
		}
		return info.Version, nil
	}
}

// checkVersion is check of a version named, made once for all the
// readers that ask for it at once.
func (v *VerifiedTexts) checkVersion(ctx context.Context, key, sha, version string) error {
	for !v.seen(key, version) {
		c, first := v.startCheck(key, version)
		if first {
			c.err = v.checkWhole(ctx, key, sha, version)
			v.endCheck(key, version, c)
			return c.err
		}
		select {
		case <-c.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !errors.Is(c.err, context.Canceled) && !errors.Is(c.err, context.DeadlineExceeded) {
			return c.err
		}
		// The reader that checked for all left before the end: another
		// check, unless this reader has left too.
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// startCheck is the check of version of key under way, and whether the
// caller is to make it (first).
func (v *VerifiedTexts) startCheck(key, version string) (c *textCheck, first bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	id := key + "\x00" + version
	if c, ok := v.checking[id]; ok {
		return c, false
	}
	if v.checking == nil {
		v.checking = map[string]*textCheck{}
	}
	c = &textCheck{done: make(chan struct{})}
	v.checking[id] = c
	return c, true
}

func (v *VerifiedTexts) endCheck(key, version string, c *textCheck) {
	v.mu.Lock()
	delete(v.checking, key+"\x00"+version)
	v.mu.Unlock()
	close(c.done)
}

// checkWhole reads the text under key through, hashing it, and compares
// it with the record; found as recorded, version is remembered. What was
// read is version only when the store still names it so once it is read
// (a text is put whole, as a new version: one named before and after the
// read is the one read); else the error wraps blob.ErrChanged.
func (v *VerifiedTexts) checkWhole(ctx context.Context, key, sha, version string) error {
	want, err := v.cat.TextHashOf(ctx, sha)
	if catalog.IsNotFound(err) {
		return nil // stored before hashes were recorded: check says so
	}
	if err != nil {
		return fmt.Errorf("recorded hash of %s: %w", key, err)
	}
	rc, err := v.Store.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("get %s: %w", key, err)
	}
	defer rc.Close()
	r := &verifyingReader{ReadCloser: rc, want: want, sum: sha256.New(), hashed: &v.hashed}
	err = r.Verify()
	if storeDown(ctx, err) {
		return fmt.Errorf("read %s: %w", key, err)
	}
	if err := v.stillVersion(ctx, key, version); err != nil {
		return err
	}
	if err != nil {
		// Not as recorded, or breaking off while the store is up:
		// damaged, as LoadText has it.
		return errBadText(sha, err)
	}
	if version != "" {
		v.remember(key, version)
	}
	return nil
}

// stillVersion is nil when the store names key's object version (any,
// for a store without versions), else an error wrapping blob.ErrChanged.
func (v *VerifiedTexts) stillVersion(ctx context.Context, key, version string) error {
	if version == "" {
		return nil
	}
	info, err := v.Store.Stat(ctx, key)
	if err != nil {
		return fmt.Errorf("stat %s: %w", key, err)
	}
	if info.Version != version {
		return fmt.Errorf("read %s: %w", key, blob.ErrChanged)
	}
	return nil
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
	// hashed counts the texts hashed to their end (VerifiedTexts.Hashed).
	hashed *atomic.Int64
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
		if r.hashed != nil {
			r.hashed.Add(1)
		}
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
// (VerifiedTexts): ErrBadText when it was not. Nil from other stores, and
// at once for a version found as recorded before: what was read of it is
// the text recorded, read through or not. A reader that stops before
// the end of the pages (a find that lists its most pages) calls it before
// it uses what it read.
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

// OpenCheckedTextPages is OpenTextPages for a reader that serves the
// text as it reads it, before its end, or stops early (a /text answer
// streams its pages): from a VerifiedTexts store the blob is opened only
// at a version found as recorded, checked first in a streaming pass when
// it was not before, so that whatever part of it is read is the text
// recorded. A damaged text is ErrBadText before anything is read of it.
// Other stores' is OpenTextPages.
func OpenCheckedTextPages(ctx context.Context, store blob.Store, sha string) (*TextPages, error) {
	v, ok := store.(*VerifiedTexts)
	if !ok {
		return OpenTextPages(ctx, store, sha)
	}
	key := catalog.TextKey(sha)
	for tries := 1; ; tries++ {
		version, err := v.check(ctx, key, sha, "")
		if err != nil {
			return nil, err
		}
		rc, err := v.Store.Get(ctx, key)
		if err != nil {
			return nil, fmt.Errorf("get %s: %w", key, err)
		}
		// Opened while the store still names the version checked, it is
		// that version.
		err = v.stillVersion(ctx, key, version)
		if err == nil {
			return openTextPages(ctx, sha, rc)
		}
		rc.Close()
		if !errors.Is(err, blob.ErrChanged) || tries == 3 {
			return nil, err
		}
	}
}
