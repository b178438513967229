package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// foldVersions keeps one suggestion of each group of versions (near
// duplicates: the .pdf and .docx of one 文号, a draft and its final
// text), so that a page does not suggest one document twice. A
// suggestion that is a version of a document already listed (linked or
// cited: items before from) is taken out and counted on that one; of
// suggestions that are versions of each other the newest upload is kept,
// at the place of the best ranked, counting the others (NearDuplicates,
// said as 另有 N 个版本).
func (s *Service) foldVersions(ctx context.Context, items []EvidenceItem, from int) ([]EvidenceItem, error) {
	if len(items) <= from {
		return items, nil
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	docs, pairs, err := s.cat.HitDocuments(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("versions of suggested evidence: %w", err)
	}
	if len(pairs) == 0 {
		return items, nil
	}
	kept := items[:from]
	for _, it := range items[from:] {
		into := slices.IndexFunc(kept, func(k EvidenceItem) bool { return slices.Contains(pairs[it.ID], k.ID) })
		if into < 0 {
			kept = append(kept, it)
			continue
		}
		if k := kept[into]; into >= from && newer(docs[it.ID], docs[k.ID]) {
			it.NearDuplicates, it.NearDuplicateIDs = k.NearDuplicates, append(k.NearDuplicateIDs, k.ID)
			kept[into] = it
		} else {
			kept[into].NearDuplicateIDs = append(kept[into].NearDuplicateIDs, it.ID)
		}
		kept[into].NearDuplicates++
	}
	return kept, nil
}

// newer reports whether a was uploaded after b; false when either is
// unknown.
func newer(a, b *catalog.Document) bool {
	return a != nil && b != nil && a.UploadedAt.After(b.UploadedAt)
}
