package ingest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
	"golang.org/x/sync/errgroup"
)

// maxNearDuplicateCandidates bounds the texts read to check one document:
// LSH candidates below 0.9 are rare (a pair at 0.5 shares a band with
// probability 0.06), so even a group of many versions stays under it.
const maxNearDuplicateCandidates = 32

// LinkNearDuplicates fingerprints a document's text, stores its LSH bands
// and links it both ways to the documents of any city whose text is at
// least neardup.Threshold similar (neardup.Similarity of the two stored
// texts: the exact Jaccard index of their shingle sets, with the misreads
// of a text read by OCR forgiven). A text too short or too repetitive to compare gets no
// bands and no links. Another city's copy of the same bytes is an exact
// duplicate and is not linked. Idempotent; it returns how many it linked.
func LinkNearDuplicates(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document, pages []string) (int, error) {
	set, bands := fingerprint(d.Reading.TrustedPages(pages))
	// Bands go in, committed, before the candidates are read: of two
	// versions read at the same time, at least the later one then finds
	// the other.
	if err := cat.SetNearDuplicateBands(ctx, d.ID, bands, nil); err != nil {
		return 0, err
	}
	cands, err := cat.NearDuplicateCandidates(ctx, d.ID, d.SHA256, bands, maxNearDuplicateCandidates)
	if err != nil {
		return 0, err
	}
	found, err := compareWithCandidates(ctx, blobs, d.ID, newHeldText(pages, d.Reading.ByOCR(), set), cands)
	if err != nil {
		return 0, err
	}
	return len(found), cat.AddNearDuplicates(ctx, d.ID, found)
}

// fingerprint returns the shingle set of a text and its LSH bands (none
// for a text too short or too repetitive to compare).
func fingerprint(pages []string) (neardup.Set, []int64) {
	set := neardup.Shingles(pages...)
	fp, ok := set.Fingerprint()
	if !ok {
		return set, nil
	}
	return set, fp.Bands[:]
}

// compareWithCandidates returns the candidates whose stored text is a near
// duplicate of text.
func compareWithCandidates(ctx context.Context, blobs blob.Store, id string, text *heldText,
	cands []catalog.Candidate) ([]catalog.NearDuplicate, error) {
	texts := textSets{}
	for _, err := range texts.load(ctx, blobs, cands) {
		return nil, fmt.Errorf("near duplicates of %s: %w", id, err)
	}
	return texts.similar(text, cands), nil
}

// maxTextReads bounds the stored texts read at once to compare documents
// with their candidates: on a slow object store a document with many
// candidates then waits for a few round trips, not one per candidate.
const maxTextReads = 4

// heldText is a text held to be compared: its pages, whether it was read
// by OCR, and its shingle set.
type heldText struct {
	neardup.Text
	set neardup.Set
}

// newHeldText holds pages, with their shingle set when it is known
// already (nil: computed here).
func newHeldText(pages []string, byOCR bool, set neardup.Set) *heldText {
	if set == nil {
		set = neardup.Shingles(pages...)
	}
	return &heldText{Text: neardup.Text{Pages: pages, OCR: byOCR}, set: set}
}

// textSets are the texts held to compare by the SHA-256 of their original
// (other cities' copies share one text); nil for a text that could not be
// read.
type textSets map[string]*heldText

// load reads the stored texts of those of cands it does not hold yet,
// maxTextReads at a time. A text that is missing or damaged is held as
// nil and so matches nothing: its bands outlived it, check reports it,
// and repair reads it again, which links the pair then. The document
// compared with it is not to blame. It returns why each text it could not
// read otherwise (the store failing) was not read, by SHA-256; those are
// not held, and the others are.
func (ts textSets) load(ctx context.Context, blobs blob.Store, cands []catalog.Candidate) map[string]error {
	var missing []string
	for _, c := range cands {
		if _, held := ts[c.SHA256]; !held && !slices.Contains(missing, c.SHA256) {
			missing = append(missing, c.SHA256)
		}
	}
	texts := make([]*heldText, len(missing))
	errs := make([]error, len(missing))
	var g errgroup.Group
	g.SetLimit(maxTextReads)
	for i, sha := range missing {
		g.Go(func() error {
			t, err := LoadText(ctx, blobs, sha)
			switch {
			case catalog.IsNotFound(err) || errors.Is(err, ErrBadText):
			case err != nil:
				errs[i] = err
			default:
				texts[i] = newHeldText(t.Pages, t.Reading().ByOCR(), nil)
			}
			return nil
		})
	}
	g.Wait()
	var failed map[string]error
	for i, sha := range missing {
		if errs[i] != nil {
			if failed == nil {
				failed = map[string]error{}
			}
			failed[sha] = errs[i]
			continue
		}
		ts[sha] = texts[i]
	}
	return failed
}

// similar returns those of cands whose text is a near duplicate of text;
// their texts must have been loaded.
func (ts textSets) similar(text *heldText, cands []catalog.Candidate) []catalog.NearDuplicate {
	var found []catalog.NearDuplicate
	for _, c := range cands {
		other := ts[c.SHA256]
		if other == nil {
			continue
		}
		if sim := neardup.Similarity(text.Text, other.Text, text.set, other.set); sim >= neardup.Threshold {
			found = append(found, catalog.NearDuplicate{ID: c.ID, Similarity: math.Round(sim*1000) / 1000})
		}
	}
	return found
}
