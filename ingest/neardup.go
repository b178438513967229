package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// maxNearDuplicateCandidates bounds the texts read to check one document:
// LSH candidates below 0.9 are rare (a pair at 0.5 shares a band with
// probability 0.06), so even a group of many versions stays under it.
const maxNearDuplicateCandidates = 32

// LinkNearDuplicates fingerprints a document's text, stores its LSH bands
// and links it both ways to the documents of any city whose text is at
// least neardup.Threshold similar (neardup.Similarity of the two stored
// texts: the exact Jaccard index of their shingle sets, with the misreads
// of a text read by OCR forgiven). A text too short or too repetitive to
// compare gets no bands and no links. Another city's copy of the same
// bytes is an exact duplicate and is not linked. The candidates' stored
// texts are read as streams within a memory budget of its own
// (DefaultCompareMemory; see comparer). Idempotent; it returns how many it
// linked.
func LinkNearDuplicates(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document, pages []string) (int, error) {
	return linkNearDuplicates(ctx, cat, blobs, d, pages, nil, catalog.Reading{})
}

// linkNearDuplicates is LinkNearDuplicates for a Rebuild when rs is
// set: d is compared with the candidates rs plans, by their kept sets
// where it can, and its own set is kept for the later ones (stored is
// its stored text's reading).
func linkNearDuplicates(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document, pages []string,
	rs *rebuildSets, stored catalog.Reading) (int, error) {
	set, bands := fingerprint(d.Reading.TrustedPages(pages))
	// Bands go in, committed, before the candidates are read: of two
	// versions read at the same time, at least the later one then finds
	// the other.
	if err := cat.SetNearDuplicateBands(ctx, d.ID, bands, nil); err != nil {
		return 0, err
	}
	var legacy []int64
	if has, err := cat.HasLegacyBands(ctx); err != nil {
		return 0, err
	} else if has {
		legacy = legacyBands(set)
	}
	cands, err := cat.NearDuplicateCandidates(ctx, d.ID, d.SHA256, bands, legacy, maxNearDuplicateCandidates)
	if err != nil {
		return 0, err
	}
	held := newHeldText(pages, d.Reading.ByOCR(), set)
	var found []catalog.NearDuplicate
	memory := int64(DefaultCompareMemory)
	if rs != nil {
		found, cands = rs.compare(held, rs.plan(d, cands))
		memory -= rs.max
	}
	cmp := &comparer{blobs: blobs, budget: newMemoryLimit(memory), log: slog.Default()}
	read, err := cmp.similar(ctx, d.ID, held, cands)
	if err != nil {
		return 0, err
	}
	found = append(found, read...)
	if rs != nil && !d.Reading.Unreliable() {
		rs.keep(d.SHA256, set, stored)
	}
	if err := cat.AddNearDuplicates(ctx, d.ID, found); err != nil {
		return 0, err
	}
	byNumber, err := cat.SameDocNumber(ctx, []*catalog.Document{d}, maxPartCandidates)
	if err != nil {
		return 0, err
	}
	parts, err := linkParts(ctx, cat, blobs, d, set, nil, byNumber[d.ID])
	return len(found) + parts, err
}

// maxPartCandidates bounds the stored texts read to find the documents
// a document is part of, or that are part of it (the first by id of its
// 文号): one at a time, none over maxPartText, so a 文号 set on many
// documents, or several photos of one notice, costs reads, not memory.
const maxPartCandidates = 16

// maxPartText is the largest text, in bytes, compared whole to find the
// documents it is part of or that are part of it: the comparison holds
// both texts and their shingle sets (about 3 bytes of set a byte of
// text), outside the comparer's memory budget, so a larger text is not
// compared (logged): a scan or photo of a page is far smaller, and a
// document of that size is rarely a part.
const maxPartText = 4 << 20

// linkParts records those of cands, the documents of d's city with d's
// 文号 (catalog.SameDocNumber), whose text d's (its shingle set, or when
// nil that of its pages) is part of, or that are part of d's (部分重复,
// neardup.PartThreshold): a phone photo of the first page of a two-page
// notice, whose Jaccard index with it is near 0.5, shares a band with it
// rarely, so its candidates are the documents with its 文号; a document
// no other shares its 文号 with reads nothing. Near duplicates are left
// to the bands, and so are two texts each of which has most of the
// other's (two versions): neither is a part. Only the pages a text's
// reading trusts are compared. A candidate whose text is missing,
// damaged or over maxPartText is skipped (logged: repair or reindex
// links it once it is read again); the error returned is the store's or
// the catalog's, when they are down, for the document to be tried again.
// It returns how many it linked.
func linkParts(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document, set neardup.Set, pages []string,
	cands []catalog.Candidate) (int, error) {
	if len(cands) == 0 {
		return 0, nil
	}
	if size := textSize(pages); size > maxPartText {
		slog.Warn("part of another: the text is too long to compare; not compared", "document", d.ID, "bytes", size, "limit", maxPartText)
		return 0, nil
	}
	if set == nil {
		set = neardup.Shingles(d.Reading.TrustedPages(pages)...)
	}
	if len(set) < neardup.MinShingles {
		return 0, nil
	}
	n := 0
	for _, c := range cands {
		other, err := partCandidate(ctx, blobs, d, c)
		if err != nil {
			return n, err
		}
		if len(other) < neardup.MinShingles || neardup.Jaccard(set, other) >= neardup.Threshold {
			continue
		}
		dIn, cIn := neardup.Containment(set, other), neardup.Containment(other, set)
		if dIn >= neardup.PartThreshold && cIn >= neardup.PartThreshold {
			continue // each has most of the other's text: versions, not a part
		}
		part, whole, in := d.ID, c.ID, dIn
		if in < neardup.PartThreshold {
			part, whole, in = c.ID, d.ID, cIn
		}
		if in < neardup.PartThreshold {
			continue
		}
		if err := cat.AddPartOf(ctx, part, whole, math.Round(in*1000)/1000); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// partCandidate returns the shingle set of the trusted pages of candidate
// c's stored text, to compare with d's; nil, logged, for a text that is
// missing, damaged or over maxPartText, and an error only when the store
// is down.
func partCandidate(ctx context.Context, blobs blob.Store, d *catalog.Document, c catalog.Candidate) (neardup.Set, error) {
	key := catalog.TextKey(c.SHA256)
	skip := func(why string, err error) (neardup.Set, error) {
		slog.Warn("part of another: "+why+"; not compared", "document", d.ID, "candidate", c.ID, "text", key, "err", err)
		return nil, nil
	}
	info, err := blobs.Stat(ctx, key)
	if catalog.IsNotFound(err) {
		return nil, nil // not read yet: it finds d when it is
	}
	if storeDown(ctx, err) {
		return nil, fmt.Errorf("find the documents %s is part of: %s of %s: %w", d.ID, key, c.ID, err)
	}
	if err != nil {
		return skip("the candidate's stored text cannot be looked at", err)
	}
	if info.Size > maxPartText {
		return skip(fmt.Sprintf("the candidate's text (%d bytes) is over %d bytes", info.Size, maxPartText), nil)
	}
	t, err := LoadText(ctx, blobs, c.SHA256)
	switch {
	case catalog.IsNotFound(err):
		return nil, nil
	case errors.Is(err, ErrBadText):
		return skip("the candidate's stored text is damaged", err)
	case storeDown(ctx, err):
		return nil, fmt.Errorf("find the documents %s is part of: %s of %s: %w", d.ID, key, c.ID, err)
	case err != nil:
		return skip("the candidate's stored text cannot be read", err)
	}
	if size := textSize(t.Pages); size > maxPartText {
		return skip(fmt.Sprintf("the candidate's text (%d bytes) is over %d bytes", size, maxPartText), nil)
	}
	return neardup.Shingles(t.Reading().TrustedPages(t.Pages)...), nil
}

// textSize is the bytes of pages' text.
func textSize(pages []string) int {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	return n
}

// fingerprint returns the shingle set of a text and its LSH bands of the
// current band scheme (none for a text too short or too repetitive to
// compare): neardup.Bands bands, then, for a short text
// (neardup.ShortShingles), its neardup.ShortBands short bands, which the
// catalog stores as band numbers of their own, so that a short text finds
// the short texts it shares a short band with and a long text pays for
// nothing more.
func fingerprint(pages []string) (neardup.Set, []int64) {
	set := neardup.Shingles(pages...)
	fp, ok := set.Fingerprint()
	if !ok {
		return set, nil
	}
	if !fp.HasShort {
		return set, fp.Bands[:]
	}
	return set, append(fp.Bands[:], fp.Short[:]...)
}

// legacyBands returns the bands of band scheme 1 of a shingle set (none
// for a set too small), to look up the documents whose stored bands are
// still that scheme's (catalog.HasLegacyBands).
func legacyBands(set neardup.Set) []int64 {
	fp, ok := set.LegacyFingerprint()
	if !ok {
		return nil
	}
	return fp.Bands[:]
}

// similar returns those of cands whose stored text is a near duplicate of
// text, the document id's.
func (c *comparer) similar(ctx context.Context, id string, text *neardup.Held,
	cands []catalog.Candidate) ([]catalog.NearDuplicate, error) {
	var reads []*textRead
	for _, cd := range cands {
		if !slices.ContainsFunc(reads, func(r *textRead) bool { return r.sha == cd.SHA256 }) {
			reads = append(reads, &textRead{sha: cd.SHA256, held: []*neardup.Held{text}, ids: []string{id}})
		}
	}
	for _, r := range c.readAll(ctx, reads) {
		if r.err != nil {
			return nil, fmt.Errorf("near duplicates of %s: %w", id, r.err)
		}
	}
	var found []catalog.NearDuplicate
	for _, cd := range cands {
		r := reads[slices.IndexFunc(reads, func(r *textRead) bool { return r.sha == cd.SHA256 })]
		if r.sims != nil {
			found = appendSimilar(found, cd, r.sims[0])
		}
	}
	return found, nil
}

// appendSimilar appends candidate c to found when sim makes it a near
// duplicate.
func appendSimilar(found []catalog.NearDuplicate, c catalog.Candidate, sim float64) []catalog.NearDuplicate {
	if sim >= neardup.Threshold {
		found = append(found, catalog.NearDuplicate{ID: c.ID, Similarity: math.Round(sim*1000) / 1000})
	}
	return found
}

// maxTextReads bounds the stored texts read at once to compare documents
// with their candidates: on a slow object store a document with many
// candidates then waits for a few round trips, not one per candidate.
const maxTextReads = 4

// newHeldText holds pages, with their shingle set when it is known
// already (nil: computed here).
func newHeldText(pages []string, byOCR bool, set neardup.Set) *neardup.Held {
	if set == nil {
		set = neardup.Shingles(pages...)
	}
	return &neardup.Held{Text: neardup.Text{Pages: pages, OCR: byOCR}, Set: set}
}

// shortBandBatch is how many documents one step of fillShortBands looks
// at: their stored texts are read outside any transaction, and the short
// bands of those that are short go in with one catalog transaction, so
// the writer is held for one batch's inserts, not for the reading.
const shortBandBatch = 64

// fillShortBands gives the documents read before short bands existed
// (catalog.ShortBandsToFill, migration 049) the short bands of their
// stored texts, when short, a batch a step, each step moving the fill's
// mark on (catalog.AddShortBands): a start stopped half-way goes on from
// the last step done. Until then a new short scan found such an old
// short text only when it shared a normal band with it (about one time
// in five at a Jaccard index of 0.58). A text that cannot be read is
// passed over (logged: a repair or reindex reads it again, with its
// short bands); the catalog or the store down stops the fill, for the
// next try (startShortBands). The fill's lock is let go on every return,
// so that a fill stopped short here may go on on another node.
func (s *Service) fillShortBands(ctx context.Context) error {
	defer s.cat.ReleaseShortBandFill()
	filled, looked := 0, 0
	for {
		docs, pending, err := s.cat.ShortBandsToFill(ctx, shortBandBatch)
		if err != nil || !pending {
			return err
		}
		news := make([]catalog.NewBands, 0, len(docs))
		for _, d := range docs {
			t, err := LoadText(ctx, s.blobs, d.SHA256)
			if storeDown(ctx, err) {
				return err
			}
			if err != nil {
				s.log.Warn("short near-duplicate bands not computed: the stored text could not be read", "id", d.ID, "err", err)
				continue
			}
			pages := t.Reading().TrustedPages(t.Pages)
			if !mayBeShort(pages) {
				continue // most texts: long, and never given short bands
			}
			if _, bands := fillFingerprint(pages); len(bands) > neardup.Bands {
				news = append(news, catalog.NewBands{ID: d.ID, Bands: bands})
			}
		}
		if err := s.refusedNow(); err != nil {
			return err
		}
		last := ""
		if len(docs) == shortBandBatch {
			last = docs[len(docs)-1].ID
		}
		n, err := s.cat.AddShortBands(ctx, news, last)
		if err != nil {
			return err
		}
		filled, looked = filled+n, looked+len(docs)
		if last == "" {
			s.log.Info("short near-duplicate bands computed for the texts read before them", "documents", looked, "short", filled)
			return nil
		}
	}
}

// fillFingerprint is fingerprint, for fillShortBands (tests count its
// calls).
var fillFingerprint = fingerprint

// shortProbeBytes is how much of a text mayBeShort shingles first: room
// for ShortShingles+1 shingles of Chinese characters (three bytes each)
// four times over, so that punctuation, spaces and the odd repeated
// shingle of an ordinary long text still leave more than ShortShingles.
// It bounds the work, not the answer.
const shortProbeBytes = 4 * 3 * (neardup.ShortShingles + neardup.ShingleSize)

// mayBeShort reports whether pages may have at most neardup.ShortShingles
// shingles, the texts given short bands, by shingling their first
// shortProbeBytes alone: the shingles of a beginning of the text are
// some of the whole text's (its normalised characters are a beginning of
// the whole's, shingles run on across pages), so more than ShortShingles
// of them prove the text long without the shingles, the sort and the
// fingerprint of all of it. A size alone proves nothing: a long text
// repeating a few lines may have few shingles, and the fill then gives it
// short bands as a reading would.
func mayBeShort(pages []string) bool {
	var head []string
	left := shortProbeBytes
	for _, p := range pages {
		if len(p) <= left {
			head, left = append(head, p), left-len(p)
			continue
		}
		cut := left // at a character's start
		for cut > 0 && !utf8.RuneStart(p[cut]) {
			cut--
		}
		return len(neardup.Shingles(append(head, p[:cut])...)) <= neardup.ShortShingles
	}
	return true // the whole text is its beginning: fingerprint decides
}

// startShortBands runs fillShortBands in the background of the running
// pipeline, and again every ShortBandRetry while the fill is left to do
// (catalog.ShortBandFillLeft): when it stopped short here (the object
// store or the catalog down), and when another node held it, which may
// since have died or stopped short itself.
func (s *Service) startShortBands(ctx context.Context) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			// Asked for again once the node serves again, with the
			// catalog read afresh (refused.go).
			if !s.waitServing(ctx) {
				return
			}
			err := s.fillShortBands(ctx)
			if errors.Is(err, errRefused) {
				continue
			}
			if err != nil && ctx.Err() == nil {
				s.log.Error("short near-duplicate bands not all computed for the texts read before them; asked again later",
					"err", err, "after", s.cfg.ShortBandRetry)
			}
			left, err := s.cat.ShortBandFillLeft(ctx)
			if err == nil && !left || ctx.Err() != nil {
				return
			}
			shortBandsWait()
			t := time.NewTimer(s.cfg.ShortBandRetry)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
	}()
}

// shortBandsWait is called each time startShortBands waits to ask again
// for the fill (tests follow its tries).
var shortBandsWait = func() {}
