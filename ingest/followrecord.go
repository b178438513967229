package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// How a node tells that its shared catalog is not the one its index
// followed.
//
// The node keeps in its data folder (FollowStateName) the last change its
// index applied, the identity of the catalog (catalog.Identity) and its
// last mark in that catalog's follow checkpoint. Before applying the
// changes up to seq N it records a new mark for N in the catalog
// (catalog.Store.RecordFollowCheckpoint), then keeps that mark in its
// folder, then applies them, then keeps N. A copy of the catalog that
// knows the node's kept mark (its last or the one before: the node may
// have stopped between recording and keeping) was taken after the node
// recorded it, so holds every change the index may hold. A catalog of
// another identity (another archive, or one evidence restore made), or
// one restored from a dump taken before the mark (pg_restore brings back
// the old identity), does not, however many changes it has taken since:
// the node then takes out of its index what the catalog does not hold and
// follows from the first change. The node checks at start, before
// applying changes, when the catalog's latest seq moved and every
// identityEvery rounds, so a catalog restored under a running node is
// caught too, and an idle node asks the catalog one thing a round.
//
// A new mark is recorded only for changes past the seq of the mark kept,
// and only once that one is kept: changes tried and not applied (the
// store down) are tried again under the same mark, not a new one each
// round, and a mark recorded and not kept (the folder cannot be written,
// or the node stopped in between) is kept first, even after a restart —
// so the kept mark never falls out of the two the catalog knows, and a
// restart never takes the catalog for one gone back.

// FollowStateName is the file in a node's data folder that holds how far
// its index has followed a shared catalog (see above).
const FollowStateName = "index-follow.seq"

// followRecord is what FollowStateName holds.
type followRecord struct {
	Seq     int64  // the last change the index applied
	Catalog string // the followed catalog's identity; "" in a record of before migration 042
	Mark    string // the node's last mark in that catalog's follow checkpoint
}

// readFollowRecord reads the record in stateFile: lines "seq N",
// "catalog ID", "mark M", or, written before migration 042, the seq
// alone. It reports false when there is none or it cannot be read.
func readFollowRecord(stateFile string) (followRecord, bool) {
	b, err := os.ReadFile(stateFile)
	if err != nil {
		return followRecord{}, false
	}
	if seq, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64); err == nil {
		return followRecord{Seq: seq}, true
	}
	var rec followRecord
	var seen bool
	for sc := bufio.NewScanner(bytes.NewReader(b)); sc.Scan(); {
		key, value, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		switch key {
		case "seq":
			if rec.Seq, err = strconv.ParseInt(value, 10, 64); err != nil {
				return followRecord{}, false
			}
			seen = true
		case "catalog":
			rec.Catalog = value
		case "mark":
			rec.Mark = value
		}
	}
	return rec, seen
}

// writeFollowRecord replaces stateFile with rec, whole or not at all.
func writeFollowRecord(stateFile string, rec followRecord) error {
	tmp := stateFile + ".tmp"
	body := fmt.Sprintf("seq %d\ncatalog %s\nmark %s\n", rec.Seq, rec.Catalog, rec.Mark)
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		return fmt.Errorf("keep how far the index followed the catalog: %w", err)
	}
	if err := os.Rename(tmp, stateFile); err != nil {
		return fmt.Errorf("keep how far the index followed the catalog: %w", err)
	}
	return nil
}

// FollowsSharedCatalog reports whether stateFile holds a record of
// following a shared catalog (only a node of one keeps it), and that
// catalog's identity ("" in a record of before migration 042).
func FollowsSharedCatalog(stateFile string) (id string, ok bool) {
	rec, ok := readFollowRecord(stateFile)
	return rec.Catalog, ok
}

// FollowedSeq is the last change of a shared catalog that the index
// recorded in stateFile has applied (Config.FollowStateFile): 0 when there
// is no record or the index is empty, so that a start catches up from the
// first change. A document the index lacks whose seq is past it is one a
// start brings in by itself; one at or before it was lost (unless the
// catalog is not the one followed: FollowedCatalog).
func FollowedSeq(stateFile string, idx index.Index) int64 {
	rec, ok := readFollowRecord(stateFile)
	if !ok {
		return 0
	}
	if n, err := idx.Count(); err != nil || n == 0 {
		return 0
	}
	return rec.Seq
}

// Divergence says how a shared catalog differs from the one a node's
// index followed.
type Divergence int

const (
	// SameCatalog: the catalog is the one followed, or nothing was.
	SameCatalog Divergence = iota
	// OtherCatalog: the catalog has another identity: another archive's,
	// or one given by evidence restore.
	OtherCatalog
	// CatalogWentBack: the catalog does not know the node's last mark: it
	// was restored from a copy taken before the node got where it is
	// (pg_restore of an earlier dump), whatever changes it took since.
	CatalogWentBack
)

// FollowedCatalog compares the catalog with the record in stateFile of
// how far node's index followed it (Config.FollowStateFile, NodeName).
// An empty index or no record is SameCatalog: the index holds nothing
// to take out, and a start follows from the first change.
func FollowedCatalog(ctx context.Context, cat *catalog.Store, stateFile, node string, idx index.Index) (Divergence, error) {
	rec, ok := readFollowRecord(stateFile)
	if !ok {
		return SameCatalog, nil
	}
	if n, err := idx.Count(); err != nil || n == 0 {
		return SameCatalog, nil
	}
	return compareCatalog(ctx, cat, rec, node)
}

// compareCatalog tells how cat differs from the catalog rec was kept of.
// A record of before migration 042 names no catalog and no mark: only a
// record past the catalog's latest change tells that it went back.
func compareCatalog(ctx context.Context, cat *catalog.Store, rec followRecord, node string) (Divergence, error) {
	how, _, err := compareCheckpoint(ctx, cat, rec, node)
	return how, err
}

// compareCheckpoint is compareCatalog that also returns the node's
// checkpoint in cat when it read one (zero otherwise).
func compareCheckpoint(ctx context.Context, cat *catalog.Store, rec followRecord, node string) (Divergence, catalog.FollowCheckpoint, error) {
	var none catalog.FollowCheckpoint
	if rec.Catalog == "" {
		if rec.Mark != "" || rec.Seq == 0 {
			return SameCatalog, none, nil
		}
		latest, err := cat.LatestSeq(ctx)
		if err != nil {
			return SameCatalog, none, err
		}
		if rec.Seq > latest {
			return CatalogWentBack, none, nil
		}
		return SameCatalog, none, nil
	}
	id, err := cat.Identity(ctx)
	if err != nil {
		return SameCatalog, none, err
	}
	if id.ID != rec.Catalog {
		return OtherCatalog, none, nil
	}
	if rec.Mark == "" {
		return SameCatalog, none, nil
	}
	cp, err := cat.FollowCheckpoint(ctx, node)
	if err != nil && catalog.ErrorCode(err) != catalog.ENOTFOUND {
		return SameCatalog, none, err
	}
	if !cp.Knows(rec.Mark) {
		return CatalogWentBack, none, nil
	}
	return SameCatalog, cp, nil
}

// nodeName is the name the node's follow checkpoint is kept under.
func (s *Service) nodeName() string {
	if s.cfg.NodeName != "" {
		return s.cfg.NodeName
	}
	return s.cfg.Node
}

// loadFollowRecord returns the record of how far this node's index got,
// none when there is none or the index is empty (new, or rebuilt since).
func (s *Service) loadFollowRecord() followRecord {
	if s.cfg.FollowStateFile == "" {
		return followRecord{}
	}
	rec, ok := readFollowRecord(s.cfg.FollowStateFile)
	if n, err := s.idx.Count(); !ok || err != nil || n == 0 {
		return followRecord{}
	}
	return rec
}

// checkCatalog makes sure, before a round of following, that the catalog
// is the one this node's index followed; when it is not, it takes out of
// the index what the catalog does not call indexed or on its way there
// (Reconcile's rule) and has the follower start from the first change. It
// fails, leaving the round for later, when the catalog cannot tell.
func (s *Service) checkCatalog(ctx context.Context) error {
	f := &s.follow
	f.mu.Lock()
	rec := followRecord{Seq: f.applied, Catalog: f.catalog, Mark: f.mark}
	f.mu.Unlock()
	how, cp, err := compareCheckpoint(ctx, s.cat, rec, s.nodeName())
	if err != nil {
		return fmt.Errorf("check the catalog is the one this node's index followed: %w", err)
	}
	if how != SameCatalog {
		if err := s.startOver(ctx, how, rec); err != nil {
			return err
		}
	} else if rec.Catalog != "" {
		f.adoptRecorded(cp)
		return nil
	}
	// Nothing followed yet, a record of before migration 042 (compared
	// once, by its seq), or starting over: from now on the record names
	// this catalog.
	id, err := s.cat.Identity(ctx)
	if err != nil {
		return fmt.Errorf("check the catalog is the one this node's index followed: %w", err)
	}
	f.mu.Lock()
	f.catalog = id.ID
	f.mu.Unlock()
	return nil
}

// adoptRecorded takes the node's last mark in the catalog, cp, as the
// mark to keep next when the node recorded it and stopped (or failed to
// write its record) before keeping it: the catalog's mark before it is
// the one kept. A new mark now would push the kept one out of the two
// the catalog knows, and the next start would take the catalog for one
// gone back.
func (f *follower) adoptRecorded(cp catalog.FollowCheckpoint) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pending == "" && cp.Mark != "" && cp.Mark != f.mark && cp.PrevMark == f.mark {
		f.pending, f.pendingSeq, f.pendingRecorded = cp.Mark, cp.Seq, true
	}
}

// startOver takes out of the index what the catalog does not hold and
// sets the follower to apply every change from the first, forgetting the
// record kept (a stop meanwhile starts over again, from the index this
// leaves).
func (s *Service) startOver(ctx context.Context, how Divergence, rec followRecord) error {
	const then = "; removing from this node's index what the catalog does not hold and applying every change from the first"
	switch how {
	case OtherCatalog:
		s.log.Warn("follower: this node's index followed another catalog (restored by evidence restore, or another archive's)"+then,
			"followed", rec.Catalog, "node", s.nodeName())
	default:
		s.log.Warn("follower: the catalog went back in time (restored from a backup taken before this node's index got where it is)"+then,
			"recorded", rec.Seq, "node", s.nodeName())
	}
	if err := s.dropStale(ctx); err != nil {
		return fmt.Errorf("remove documents the catalog does not hold: %w", err)
	}
	if s.cfg.FollowStateFile != "" {
		if err := os.Remove(s.cfg.FollowStateFile); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("forget how far the index followed the catalog: %w", err)
		}
	}
	f := &s.follow
	f.mu.Lock()
	f.applied, f.catalog, f.mark, f.markSeq = 0, "", "", 0
	f.pending, f.pendingSeq, f.pendingRecorded = "", 0, false
	f.caughtUp = false
	f.mu.Unlock()
	return nil
}

// checkpoint makes sure, before the changes after the index's last up to
// upTo are applied, that the node's record keeps a mark the catalog
// recorded for upTo or later: see the top of this file. A batch tried
// before and not applied (the store out of reach, a text not readable
// yet) is covered by the mark kept then, so the catalog is not written
// again. A new mark is recorded only once the one before is kept in the
// node's record: one recorded and not kept (the record could not be
// written) is kept first, else a second new mark would push the kept
// one out of the two the catalog knows, and the next start would take
// the catalog for one gone back and follow it again from the first
// change.
func (s *Service) checkpoint(ctx context.Context, upTo int64) error {
	if s.cfg.FollowStateFile == "" {
		return nil
	}
	f := &s.follow
	for {
		f.mu.Lock()
		if f.mark != "" && f.markSeq >= upTo {
			f.mu.Unlock()
			return nil
		}
		if f.pending == "" {
			f.pending, f.pendingSeq, f.pendingRecorded = catalog.NewFollowMark(), upTo, false
		}
		mark, seq, recorded := f.pending, f.pendingSeq, f.pendingRecorded
		rec := followRecord{Seq: f.applied, Catalog: f.catalog, Mark: mark}
		f.mu.Unlock()
		if !recorded {
			// Again with the same seq after a failure: the catalog may
			// have it, and holds every change up to seq either way.
			if err := s.cat.RecordFollowCheckpoint(ctx, s.nodeName(), seq, mark); err != nil {
				return err
			}
			f.mu.Lock()
			f.pendingRecorded = true
			f.mu.Unlock()
		}
		if err := writeFollowRecord(s.cfg.FollowStateFile, rec); err != nil {
			return err
		}
		f.mu.Lock()
		f.mark, f.markSeq = mark, seq
		f.pending, f.pendingSeq, f.pendingRecorded = "", 0, false
		f.mu.Unlock()
	}
}

// saveFollowRecord keeps how far the index got, in the record file.
func (s *Service) saveFollowRecord() error {
	if s.cfg.FollowStateFile == "" {
		return nil
	}
	f := &s.follow
	f.mu.Lock()
	rec := followRecord{Seq: f.applied, Catalog: f.catalog, Mark: f.mark}
	f.mu.Unlock()
	return writeFollowRecord(s.cfg.FollowStateFile, rec)
}

// dropStale takes out of the index the documents the catalog does not
// call indexed, extracted or stored: those a catalog restored to an
// earlier point never had, or had deleted or failed by then.
func (s *Service) dropStale(ctx context.Context) error {
	inIndex, err := s.idx.IDs(ctx)
	if err != nil {
		return err
	}
	var known []string
	err = s.cat.DocumentsWithStatus(ctx, func(d *catalog.Document) { known = append(known, d.ID) },
		catalog.StatusIndexed, catalog.StatusStored, catalog.StatusExtracted)
	if err != nil {
		return err
	}
	slices.Sort(known)
	_, stale := diffSorted(known, inIndex)
	if len(stale) == 0 {
		return nil
	}
	s.indexMu.Lock()
	err = s.idx.Delete(ctx, stale...)
	s.indexMu.Unlock()
	if err != nil {
		return err
	}
	s.indexChanged()
	return nil
}
