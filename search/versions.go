package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// versionGroup is one group of versions (near duplicates: the .pdf and
// .docx of one 文号, a draft and its final text) of a ranked list of
// documents: ID is the document shown for it, Folded the others, said as
// 另有 N 个版本.
type versionGroup struct {
	ID     string
	Folded []string
}

// groupVersions groups ids (distinct documents, best ranked first) by
// version, so that a page suggests one document once: the first fixed of
// them are already listed (linked or cited) and stand for their groups
// as they are; each later one joins the first group before it holding a
// version of it and, unless that group's document is fixed, stands for
// it when it was uploaded after that document, at the group's place
// (the best ranked). The indicator page's suggestions and a claim's
// candidate passages share this one rule, so the two pages never show
// different versions of one document. ok is false when no two of ids
// are versions of each other (groups is then nil).
func (s *Service) groupVersions(ctx context.Context, ids []string, fixed int) (groups []versionGroup, ok bool, err error) {
	if len(ids) <= fixed || len(ids) < 2 {
		return nil, false, nil
	}
	docs, pairs, err := s.cat.HitDocuments(ctx, ids)
	if err != nil {
		return nil, false, fmt.Errorf("versions of suggested documents: %w", err)
	}
	if len(pairs) == 0 {
		return nil, false, nil
	}
	// Which documents are in each group is the catalog's rule
	// (catalog.VersionGroups), by which the heat map counts them too;
	// which stands for a group is this page's.
	for gi, members := range catalog.VersionGroups(ids, fixed, pairs) {
		g := versionGroup{ID: members[0]}
		for _, id := range members[1:] {
			if gi >= fixed && newer(docs[id], docs[g.ID]) {
				g.Folded, g.ID = append(g.Folded, g.ID), id
			} else {
				g.Folded = append(g.Folded, id)
			}
		}
		groups = append(groups, g)
	}
	return groups, true, nil
}

// foldVersions keeps one suggestion of each group of versions
// (groupVersions): a suggestion that is a version of a document already
// listed (items before from) is taken out and counted on that one
// (NearDuplicates, NearDuplicateIDs).
func (s *Service) foldVersions(ctx context.Context, items []EvidenceItem, from int) ([]EvidenceItem, error) {
	ids := make([]string, len(items))
	byID := make(map[string]EvidenceItem, len(items))
	for i, it := range items {
		ids[i], byID[it.ID] = it.ID, it
	}
	groups, ok, err := s.groupVersions(ctx, ids, from)
	if err != nil || !ok {
		return items, err
	}
	kept := make([]EvidenceItem, len(groups))
	for i, g := range groups {
		kept[i] = byID[g.ID]
		kept[i].NearDuplicates, kept[i].NearDuplicateIDs = len(g.Folded), g.Folded
	}
	return kept, nil
}

// foldCandidateVersions keeps the passages of one document of each group
// of versions among a claim's candidates (ranked best first), so that the
// .pdf and .docx of one 文号 do not propose the same passage twice. A
// document linked to the claim's indicator is preferred to its unlinked
// versions, as it is to other passages (linkedBonus); otherwise the
// newest upload stands for its group (groupVersions).
func (s *Service) foldCandidateVersions(ctx context.Context, cands []Candidate) ([]Candidate, error) {
	var linked, others []string
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c.DocumentID] {
			continue
		}
		seen[c.DocumentID] = true
		if c.Linked {
			linked = append(linked, c.DocumentID)
		} else {
			others = append(others, c.DocumentID)
		}
	}
	groups, ok, err := s.groupVersions(ctx, append(linked, others...), len(linked))
	if err != nil || !ok {
		return cands, err
	}
	shown := make(map[string][]string, len(groups))
	for _, g := range groups {
		shown[g.ID] = g.Folded
	}
	kept := cands[:0:0]
	for _, c := range cands {
		folded, ok := shown[c.DocumentID]
		if !ok {
			continue
		}
		c.NearDuplicates, c.NearDuplicateIDs = len(folded), folded
		kept = append(kept, c)
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
