package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"

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
	cmp := &comparer{blobs: blobs, budget: newMemoryLimit(DefaultCompareMemory), log: slog.Default()}
	found, err := cmp.similar(ctx, d.ID, newHeldText(pages, d.Reading.ByOCR(), set), cands)
	if err != nil {
		return 0, err
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
// a document is part of, or that are part of it.
const maxPartCandidates = 4

// linkParts records those of cands, the documents of d's city with d's
// 文号 (catalog.SameDocNumber), whose text d's (its shingle set, or when
// nil that of its pages) is part of, or that are part of d's (部分重复,
// neardup.PartThreshold): a phone photo of the first page of a two-page
// notice, whose Jaccard index with it is near 0.5, shares a band with it
// rarely, so its candidates are the documents with its 文号; a document
// no other shares its 文号 with reads nothing. Near duplicates are left
// to the bands. It returns how many it linked.
func linkParts(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document, set neardup.Set, pages []string,
	cands []catalog.Candidate) (int, error) {
	if len(cands) == 0 {
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
		t, err := LoadText(ctx, blobs, c.SHA256)
		if catalog.IsNotFound(err) {
			continue // not read yet: it finds d when it is
		}
		if err != nil {
			return n, fmt.Errorf("find the documents %s is part of: %w", d.ID, err)
		}
		other := neardup.Shingles(t.Pages...)
		if neardup.Jaccard(set, other) >= neardup.Threshold {
			continue
		}
		part, whole, in := d.ID, c.ID, neardup.Containment(set, other)
		if in < neardup.PartThreshold {
			part, whole, in = c.ID, d.ID, neardup.Containment(other, set)
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
