package ingest

import (
	"context"
	"errors"
	"fmt"
	"math"

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
// least neardup.Threshold similar (exact Jaccard on the shingle sets of the
// two stored texts). A text too short or too repetitive to compare gets no
// bands and no links. Another city's copy of the same bytes is an exact
// duplicate and is not linked. Idempotent; it returns how many it linked.
func LinkNearDuplicates(ctx context.Context, cat *catalog.Store, blobs blob.Store, d *catalog.Document, pages []string) (int, error) {
	set, bands := fingerprint(pages)
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
	found, err := compareWithCandidates(ctx, blobs, d.ID, set, cands)
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
// duplicate of the text whose shingles are set.
func compareWithCandidates(ctx context.Context, blobs blob.Store, id string, set neardup.Set,
	cands []catalog.Candidate) (found []catalog.NearDuplicate, err error) {
	texts := map[string]neardup.Set{} // by SHA-256: other cities' copies share one text
	for _, c := range cands {
		other, seen := texts[c.SHA256]
		if !seen {
			t, err := LoadText(ctx, blobs, c.SHA256)
			if catalog.IsNotFound(err) || errors.Is(err, ErrBadText) {
				// Its bands outlived its text, or the text is damaged:
				// check reports it, and repair reads it again, which
				// links the pair then. The new document is not to blame.
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("near duplicates of %s: %w", id, err)
			}
			other = neardup.Shingles(t.Pages...)
			texts[c.SHA256] = other
		}
		if sim := neardup.Jaccard(set, other); sim >= neardup.Threshold {
			found = append(found, catalog.NearDuplicate{ID: c.ID, Similarity: math.Round(sim*1000) / 1000})
		}
	}
	return found, nil
}
