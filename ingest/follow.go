package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// follower keeps this node's index in step with a catalog other nodes also
// write: it applies every document changed after the last seq it applied,
// from the stored text (never extracting again), and removes deleted and
// failed ones. Seqs commit in order (catalog.Store.ChangesSince), so
// "after seq N" misses nothing.
type follower struct {
	mu          sync.Mutex
	applied     int64     // the last seq applied to the index
	latest      int64     // the catalog's latest seq when last asked
	behindSince time.Time // when the index first lagged; zero when caught up
	caughtUp    bool      // a full catch-up finished since start

	// Which catalog the index follows and the node's last mark in its
	// follow checkpoint kept in its record, with the seq recorded for it
	// (0 when unknown, since a start): followrecord.go.
	catalog string
	mark    string
	markSeq int64
	// A mark minted for pendingSeq and not kept in the node's record yet;
	// pendingRecorded says the catalog surely has it (checkpoint).
	pending         string
	pendingSeq      int64
	pendingRecorded bool

	// checked says the catalog was compared with the one followed since
	// the start or the last failed round; rounds counts rounds, to
	// compare it anyway every identityEvery (catchUp).
	checked bool
	rounds  int

	// The one stored text the follower has been stopped at (it stops at
	// the first it cannot read), since when and how often the store,
	// answering otherwise, refused it: see unreadableText. lastRead is
	// the key of the last text it read, which tells whether the store
	// answers.
	stuckOn    string
	stuckSince time.Time
	stuckTries int
	lastRead   string
}

// Lag is how far this node's index is behind the catalog.
type Lag struct {
	Changes  int64         // documents changed in the catalog and not yet in the index
	Behind   time.Duration // how long the index has been behind (0 when caught up)
	CaughtUp bool          // it has caught up at least once since start
}

// IndexLag reports this node's index lag. On a catalog only this node
// writes (SQLite) the pipeline itself keeps the index current, so the lag
// is zero and the node is always caught up.
func (s *Service) IndexLag() Lag {
	if !s.cfg.Shared {
		return Lag{CaughtUp: true}
	}
	f := &s.follow
	f.mu.Lock()
	defer f.mu.Unlock()
	l := Lag{Changes: max(f.latest-f.applied, 0), CaughtUp: f.caughtUp}
	if !f.behindSince.IsZero() {
		l.Behind = time.Since(f.behindSince)
	}
	return l
}

// IndexApplied reports the last catalog change this node's index has
// applied when it follows a catalog other nodes write (following); on a
// catalog only this node writes the pipeline keeps the index current and
// following is false. A search corrects its facets by the changes after
// it (search.Service.UseIndexFollower).
func (s *Service) IndexApplied() (seq int64, following bool) {
	if !s.cfg.Shared {
		return 0, false
	}
	s.follow.mu.Lock()
	defer s.follow.mu.Unlock()
	return s.follow.applied, true
}

// runFollower polls the catalog every FollowInterval until ctx ends.
func (s *Service) runFollower(ctx context.Context) {
	s.beginFollowing()
	t := time.NewTicker(s.cfg.FollowInterval)
	defer t.Stop()
	outage := outageLog{what: "index follower"}
	for {
		// A refused node's index stays where it was: it is written by
		// this node's rules from a catalog of newer ones (refused.go).
		s.parked("follow", "")
		if !s.waitServing(ctx) {
			return
		}
		err := s.catchUp(ctx)
		switch {
		case err == nil:
			outage.worked(s.log, time.Now())
		case ctx.Err() == nil && !errors.Is(err, errRefused):
			outage.failed(s.log, err, time.Now())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// beginFollowing sets the follower where the node's record says its
// index got.
func (s *Service) beginFollowing() {
	rec := s.loadFollowRecord()
	f := &s.follow
	f.mu.Lock()
	f.applied, f.catalog, f.mark = rec.Seq, rec.Catalog, rec.Mark
	f.mu.Unlock()
}

// catchUp applies changes until none is left, once the catalog is found
// to be the one this node's index followed (checkCatalog). That costs
// two more queries, so an idle node compares only now and then: at
// start, after a failed round, before applying changes, when the
// latest seq moved (a restored catalog's does, back or forth), and every
// identityEvery rounds.
func (s *Service) catchUp(ctx context.Context) (err error) {
	f := &s.follow
	defer func() {
		if err != nil {
			f.mu.Lock()
			f.checked = false
			f.mu.Unlock()
		}
	}()
	latest, err := s.cat.LatestSeq(ctx)
	if err != nil {
		return err
	}
	checked := f.identityDue(latest)
	if checked {
		if err := s.checkCatalog(ctx); err != nil {
			return err
		}
		f.mu.Lock()
		f.checked = true
		f.mu.Unlock()
	}
	f.mu.Lock()
	f.latest = latest
	if latest > f.applied && f.behindSince.IsZero() {
		f.behindSince = time.Now()
	}
	from := f.applied
	f.mu.Unlock()
	for {
		changes, err := s.cat.ChangesSince(ctx, from, s.cfg.BatchSize)
		if err != nil {
			return err
		}
		if len(changes) == 0 {
			break
		}
		if !checked {
			// Changes committed since latest was read: compare before
			// applying them all the same.
			if err := s.checkCatalog(ctx); err != nil {
				return err
			}
			checked = true
			f.mu.Lock()
			f.checked = true
			startedOver := f.applied != from
			from = f.applied
			f.mu.Unlock()
			if startedOver {
				continue
			}
		}
		if err := s.refusedNow(); err != nil {
			return err
		}
		last := changes[len(changes)-1].Document.Seq
		if err := s.checkpoint(ctx, last); err != nil {
			return err
		}
		if err := s.applyChanges(ctx, changes); err != nil {
			return err
		}
		from = last
		f.mu.Lock()
		f.applied = from
		f.latest = max(f.latest, from)
		f.mu.Unlock()
		if err := s.saveFollowRecord(); err != nil {
			return err
		}
	}
	f.mu.Lock()
	if f.applied >= f.latest {
		f.behindSince = time.Time{}
		f.caughtUp = true
	}
	f.mu.Unlock()
	return nil
}

// identityEvery is how many rounds an idle follower goes at most without
// comparing the catalog with the one it followed.
const identityEvery = 30

// identityDue counts a round and reports whether it compares the catalog
// with the one followed, the catalog's latest seq being latest (catchUp).
func (f *follower) identityDue(latest int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rounds++
	return !f.checked || latest > f.applied || latest != f.latest || f.rounds%identityEvery == 0
}

// applyChanges writes a batch of changed documents to the index from their
// stored text, and removes deleted and failed ones. It fails, having
// applied none of the batch, when the blob store is out of reach, so the
// batch is applied again once it is back.
func (s *Service) applyChanges(ctx context.Context, changes []catalog.Change) error {
	var docs []index.Document
	var gone []string
	var final []*catalog.Document
	behind, now := false, time.Now()
	for _, c := range changes {
		d := c.Document
		switch {
		case c.Deleted || d.Status == catalog.StatusFailed:
			gone = append(gone, d.ID)
		case d.Status == catalog.StatusExtracted || d.Status == catalog.StatusIndexed:
			t, err := LoadText(ctx, s.blobs, d.SHA256)
			if err != nil && (catalog.ErrorCode(err) == catalog.EUNAVAILABLE || ctx.Err() != nil) {
				if ctx.Err() != nil || !s.unreadableText(ctx, d.ID) {
					// The store is out of reach for now (S3 down): stop
					// short of this change, so that the next round reads
					// it again instead of this node's index missing it
					// for good.
					return fmt.Errorf("read stored text of %s: %w", d.ID, err)
				}
				s.log.Warn("follower: the object store answers but has refused this stored text for "+
					s.cfg.UnreadableTextPatience.String()+"; the document is left out of this node's index for evidence check and repair",
					"id", d.ID, "err", err)
				continue
			}
			s.follow.readable(d.ID, catalog.TextKey(d.SHA256))
			if err != nil {
				// The text is missing or damaged: a node that cannot read
				// it leaves the document to check/repair and goes on.
				s.log.Warn("follower: read stored text", "id", d.ID, "err", err)
				continue
			}
			docs = append(docs, IndexDocument(d, t.Pages))
			behind = behind || uploadedLongAgo(d, now)
		}
		if !c.Deleted && (d.Status == catalog.StatusIndexed || d.Status == catalog.StatusFailed) {
			final = append(final, d)
		}
	}
	if len(docs) > 0 {
		// As a batch of this node's: behind when it holds a document
		// uploaded, to any node, longer than maxIndexLag ago.
		if err := s.writeIndex(ctx, docs, behind); err != nil {
			return fmt.Errorf("index changed documents: %w", err)
		}
	}
	if len(gone) > 0 {
		s.indexMu.Lock()
		err := s.idx.Delete(ctx, gone...)
		s.indexMu.Unlock()
		if err != nil {
			return fmt.Errorf("remove documents from the index: %w", err)
		}
		s.indexChanged()
	}
	for _, d := range final {
		s.finished(d) // whoever waits here for a document another node finished
	}
	return nil
}

// unreadableText reports whether the follower should pass over document
// id, whose stored text the store refused as unavailable: only when the
// store still serves the last text the follower read (so it is this
// object that cannot be read: access denied to it, archived by a
// lifecycle rule, its copies lost), and has refused this one at least
// unreadableTries times over UnreadableTextPatience, counted only while
// the store answered — a whole-store outage, and the first failures as it
// comes back, never count. Waiting for it for ever would hold every later
// change — uploads, deletions — out of this node's index, and a node
// restarting would never be ready.
func (s *Service) unreadableText(ctx context.Context, id string) bool {
	answers := s.storeAnswers(ctx)
	now := time.Now()
	f := &s.follow
	f.mu.Lock()
	defer f.mu.Unlock()
	if !answers {
		f.stuckOn, f.stuckSince, f.stuckTries = "", time.Time{}, 0
		return false
	}
	if f.stuckOn != id {
		f.stuckOn, f.stuckSince, f.stuckTries = id, now, 0
	}
	f.stuckTries++
	if f.stuckTries < unreadableTries || now.Sub(f.stuckSince) < s.cfg.UnreadableTextPatience {
		return false
	}
	f.stuckOn, f.stuckSince, f.stuckTries = "", time.Time{}, 0
	return true
}

// unreadableTries is how many refusals of one text, the store answering,
// pass it over (with UnreadableTextPatience).
const unreadableTries = 5

// readable notes that the follower read document id's text, at key.
func (f *follower) readable(id, key string) {
	f.mu.Lock()
	if f.stuckOn == id {
		f.stuckOn, f.stuckSince, f.stuckTries = "", time.Time{}, 0
	}
	f.lastRead = key
	f.mu.Unlock()
}

// storeAnswers reports whether the blob store serves the last text the
// follower read: a store in reach does, where one out of reach, without
// its bucket or refusing the node's keys does not. A follower that has
// read nothing yet does not know, and says no.
func (s *Service) storeAnswers(ctx context.Context) bool {
	s.follow.mu.Lock()
	key := s.follow.lastRead
	s.follow.mu.Unlock()
	if key == "" {
		return false
	}
	_, err := s.blobs.Stat(ctx, key)
	return err == nil
}
