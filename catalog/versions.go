package catalog

import "slices"

// VersionGroups groups ids (distinct documents, in the order a page lists
// them) by version: near duplicates (pairs, as HitDocuments reads them:
// both ways, both live), such as the .pdf and .docx of one 文号 or a
// draft and its final text. The first fixed of ids stand for their own
// groups as they are (documents already listed); each later one joins
// the first group before it holding a version of it, or starts a group.
// This is the one rule by which the indicator page lists and counts an
// indicator's evidence (a group of versions is one document), the search
// folds suggestions, and the heat map, the tree, /compare and the
// coverage sheet count a cell's documents (in SQL, by the same rule:
// EvidenceGroupCounts); which member stands for a group is each page's
// to say.
func VersionGroups(ids []string, fixed int, pairs map[string][]string) [][]string {
	groups := make([][]string, 0, len(ids))
	for i, id := range ids {
		into := -1
		if i >= fixed {
			into = slices.IndexFunc(groups, func(g []string) bool {
				return slices.ContainsFunc(g, func(k string) bool { return slices.Contains(pairs[id], k) })
			})
		}
		if into < 0 {
			groups = append(groups, []string{id})
			continue
		}
		groups[into] = append(groups[into], id)
	}
	return groups
}
