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

// groupListed lists the linked and cited documents of an indicator by
// group of versions, each group where its first member is, its newest
// upload first, the others right after it marked VersionOf; every member
// names the others (NearDuplicateIDs). The groups are foldVersions' own,
// the rule by which suggestions and search fold versions, so a page never
// groups a .pdf and a .docx one way here and another there. Nothing is
// left out: each version keeps its link, which can be removed on its own.
func (s *Service) groupListed(ctx context.Context, items []EvidenceItem) ([]EvidenceItem, error) {
	if len(items) < 2 {
		return items, nil
	}
	heads, err := s.foldVersions(ctx, slices.Clone(items), 0)
	if err != nil || len(heads) == len(items) {
		return items, err
	}
	byID := make(map[string]EvidenceItem, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	out := make([]EvidenceItem, 0, len(items))
	for _, h := range heads {
		group := append([]string{h.ID}, h.NearDuplicateIDs...)
		for i, id := range group {
			it := byID[id]
			others := slices.Concat(group[:i], group[i+1:])
			it.NearDuplicates, it.NearDuplicateIDs = len(others), others
			if len(others) == 0 {
				it.NearDuplicateIDs = nil
			}
			if i > 0 {
				it.VersionOf = h.ID
			}
			out = append(out, it)
		}
	}
	return out, nil
}
