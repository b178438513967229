package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// NewerVersion is the live document a citation of the deleted document
// d, by a claim or value of city, may be checked against instead: one of
// city uploaded after d whose text the catalog records as d's (a near
// duplicate, NearDuplicates), nil for none. Relation says how, and the
// reviewer's choice follows it: a near duplicate (Near: the final text of
// a draft, the .docx of a .pdf) first; then a document d's whole text is
// part of (PartOf: the full notice of which d was a photo of one page),
// which holds every passage d held; last a document that holds only a
// part of d's text (HasPart: one page kept of a report), which the page
// says may not hold the cited passage. Newest first within each. The
// claims' and values' views both name it (issue 15's probe s56: a
// reviewer was told only that the source was deleted).
func (s *Store) NewerVersion(ctx context.Context, d *Document, city string) (*NearDuplicate, error) {
	versions, err := s.NearDuplicates(ctx, d.ID)
	if err != nil {
		return nil, fmt.Errorf("newer version of %s: %w", d.ID, err)
	}
	versions = slices.DeleteFunc(versions, func(n NearDuplicate) bool {
		return n.City != city || !n.UploadedAt.After(d.UploadedAt) || newerRank[n.Relation] == 0
	})
	if len(versions) == 0 {
		return nil, nil
	}
	best := slices.MinFunc(versions, func(a, b NearDuplicate) int {
		return cmp.Or(cmp.Compare(newerRank[a.Relation], newerRank[b.Relation]), b.UploadedAt.Compare(a.UploadedAt))
	})
	return &best, nil
}

// newerRank orders the relations NewerVersion names, the one a reviewer
// checks a citation against most surely first; 0 for one it does not.
var newerRank = map[Relation]int{Near: 1, PartOf: 2, HasPart: 3}
