package packs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// originalChecks is how many originals a pack hashes at once before its
// first byte: enough to overlap the round trips of an S3 store (each Get
// waits on the service as much as on the disk), few enough that a pack
// leaves the store's connections and the server's two cores to uploads
// and page views.
const originalChecks = 4

// DefaultCheckBudget is how long a pack hashes its originals before its
// first byte at most. A reverse proxy commonly gives up on an answer that
// has not begun within 60 s; the report is built before this and the
// first byte follows it, so the budget leaves room for both. Originals
// not hashed by then are hashed as they are sent, as every original is.
const DefaultCheckBudget = 20 * time.Second

// Check is what CheckOriginals found of a pack's originals before its
// first byte.
type Check struct {
	// Damaged are the documents whose original is missing or does not
	// hash to its SHA-256, in the pack's order.
	Damaged []*catalog.Document
	// Hashed originals were read through; Reused were taken as whole
	// because a pack hashed the same stored object (its version
	// unchanged) whole before, as the catalog records (in this process or
	// another, before a restart); Unchecked were left, the budget spent,
	// to the hash every original has as it is sent.
	Hashed, Reused, Unchecked int
	// Cleared are the documents whose original the catalog flagged
	// damaged or missing and the check hashed whole (put back, or a
	// restore): the flag is cleared, and the audit log says the pack
	// found it whole.
	Cleared []*catalog.Document
}

// DamagedError is what WriteTo returns when an original it sends does not
// hash to its SHA-256: the pack is cut short there. It wraps an EINTERNAL
// catalog error.
type DamagedError struct {
	Document *catalog.Document
	err      error
}

func (e *DamagedError) Error() string { return e.err.Error() }
func (e *DamagedError) Unwrap() error { return e.err }

// verified remembers the originals a service's packs found damaged and
// not whole since, which the next pack hashes first (those the catalog
// flags are, too). What was found whole is kept in the catalog
// (Documents.WholeOriginals), shared by every process and kept over a
// restart.
type verified struct {
	mu      sync.Mutex
	damaged map[string]bool // SHA-256 found damaged and not whole since
}

func newVerified() *verified {
	return &verified{damaged: map[string]bool{}}
}

func (v *verified) suspect(sha string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.damaged[sha]
}

// record says what hashing sha found.
func (v *verified) record(sha string, whole bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if whole {
		delete(v.damaged, sha)
		return
	}
	if len(v.damaged) >= maxSuspects {
		clear(v.damaged)
	}
	v.damaged[sha] = true
}

// maxSuspects bounds the originals a service remembers found damaged;
// past it they are forgotten, which costs their order, never a verdict.
const maxSuspects = 100_000

// CheckOriginals hashes the pack's originals before its first byte, at
// most originalChecks at once, so that a damaged or missing one can be
// refused with the documents named rather than cut the ZIP short. An
// original a pack hashed whole before, whose stored object has the same
// version since (the folder's file, S3's ETag), is not read again — the
// catalog records it (Documents.WholeOriginals), so this holds across
// processes and restarts — unless the catalog flags it damaged
// (OriginalFlagged: a file spoilt in place keeps its version); one found
// damaged before, by this service or as the catalog says, is hashed
// first. One the catalog flags and the check finds whole has its flag
// cleared, said in the audit log (Check.Cleared). Hashing stops when the
// pack's check budget is spent (DefaultCheckBudget): what is left is
// hashed as it is sent, as every original is. Only the store's or the
// catalog's being out of reach, or ctx's end, is an error; verdicts the
// catalog could not record are Unrecorded.
func (p *Pack) CheckOriginals(ctx context.Context) (*Check, error) {
	if p.verified == nil {
		p.verified = newVerified()
	}
	known, err := p.knownWhole(ctx)
	if err != nil {
		return nil, err
	}
	suspect := func(pd PackedDocument) bool { return pd.OriginalFlagged || p.verified.suspect(pd.Document.SHA256) }
	order := make([]int, 0, len(p.Docs))
	for i, pd := range p.Docs { // suspects first: the budget may not reach the end
		if suspect(pd) {
			order = append(order, i)
		}
	}
	for i, pd := range p.Docs {
		if !suspect(pd) {
			order = append(order, i)
		}
	}
	budget := p.budget
	if budget <= 0 {
		budget = DefaultCheckBudget
	}
	within, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	verdicts := make([]verdict, len(p.Docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(originalChecks, len(p.Docs)) {
		wg.Go(func() {
			for i := range next {
				d := p.Docs[i].Document
				verdicts[i] = p.checkOriginal(ctx, within, d, p.Docs[i].OriginalFlagged, known[d.SHA256])
			}
		})
	}
feed:
	for _, i := range order {
		select {
		case next <- i:
		case <-within.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	c := &Check{}
	v := newVerdicts()
	for i, vd := range verdicts {
		d := p.Docs[i].Document
		switch {
		case vd.err != nil:
			return nil, vd.err
		case vd.state == unchecked:
			c.Unchecked++
		case vd.state == reused:
			c.Reused++
		case vd.state == damaged:
			c.Hashed++
			c.Damaged = append(c.Damaged, d)
			v.damaged = append(v.damaged, d.SHA256)
		default:
			c.Hashed++
			v.whole[d.SHA256] = vd.version
			if p.Docs[i].OriginalFlagged {
				p.Docs[i].OriginalFlagged = false
				c.Cleared = append(c.Cleared, d)
				v.cleared = append(v.cleared, d)
			}
		}
	}
	p.keep(ctx, v)
	return c, nil
}

type state int

const (
	unchecked state = iota
	whole
	reused
	damaged
)

// verdict is what checking one original found; version is the stored
// object's that was hashed whole ("" when the store could not name it).
type verdict struct {
	state   state
	version string
	err     error
}

// checkOriginal hashes d's original unless it was hashed whole at its
// version (known, "" for never) and is not flagged damaged; within is ctx
// with the check's budget, whose end leaves the original unchecked.
func (p *Pack) checkOriginal(ctx, within context.Context, d *catalog.Document, flagged bool, known string) verdict {
	key := catalog.OriginalKey(d.SHA256)
	info, err := p.blobs.Stat(within, key)
	if err == nil && !flagged && known != "" && info.Version == known {
		return verdict{state: reused}
	}
	if err == nil {
		// Read by the version just seen: an object put again meanwhile
		// (a repair) is read whole as it is now, but not remembered.
		var ok bool
		ok, err = hashes(within, p.blobs, key, info.Version, d.SHA256)
		if errors.Is(err, blob.ErrChanged) {
			info.Version = ""
			ok, err = hashes(within, p.blobs, key, "", d.SHA256)
		}
		if err == nil {
			p.verified.record(d.SHA256, ok)
			if ok {
				return verdict{state: whole, version: info.Version}
			}
			return verdict{state: damaged}
		}
	}
	switch {
	case ctx.Err() != nil:
		return verdict{err: ctx.Err()}
	case within.Err() != nil:
		return verdict{state: unchecked}
	case catalog.ErrorCode(err) == catalog.EUNAVAILABLE:
		return verdict{err: fmt.Errorf("check the original of %s: %w", d.ID, err)}
	}
	// Missing, or not readable through: damaged.
	p.verified.record(d.SHA256, false)
	return verdict{state: damaged}
}

// hashes reports whether the object under key, read by version, hashes
// to sha. An error reading it is returned as it is.
func hashes(ctx context.Context, blobs blob.Store, key, version, sha string) (bool, error) {
	rc, err := blobs.GetRange(ctx, key, 0, -1, version)
	if err != nil {
		return false, err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return false, err
	}
	return hex.EncodeToString(h.Sum(nil)) == sha, nil
}
