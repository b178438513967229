package catalog

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// EvidenceGroupCounts counts, per city and indicator, the evidence
// documents f selects (those of EvidenceDocumentIDs), a group of versions
// (the .pdf and .docx of one policy) once, by the rule of VersionGroups
// over a cell's documents in ID order. The heat map, the xlsx sheet,
// /compare and `evidence coverage` count a whole archive's evidence on
// each view: read into Go to be grouped, its document IDs were megabytes
// on every view; counted here, they are one query, however many
// documents there are.
func (s *Store) EvidenceGroupCounts(ctx context.Context, f EvidenceFilter) ([]LinkCount, error) {
	q, args := evidenceUnion(f, false)
	counts, err := s.countVersionGroups(ctx, "", `SELECT DISTINCT city, indicator, document_id FROM (`+q+`) u`, args)
	if err != nil {
		return nil, fmt.Errorf("count the evidence of each indicator by version: %w", err)
	}
	return counts, nil
}

// EvidenceGroupCountsUnder counts, for each node of an indicator tree,
// the evidence documents f selects of the indicators beneath it, every
// city's together, a group of versions once (as EvidenceGroupCounts):
// under maps an indicator to the nodes its documents count under, itself
// among them; the documents of an indicator under none count nowhere. A
// document linked to two indicators of one area counts once for the
// area, as do a .pdf linked to one and its .docx to the other. Nodes
// without evidence are left out.
func (s *Store) EvidenceGroupCountsUnder(ctx context.Context, f EvidenceFilter, under map[string][]string) (map[string]int, error) {
	var rows []string
	var args []any
	for _, indicator := range slices.Sorted(maps.Keys(under)) {
		for _, node := range under[indicator] {
			rows = append(rows, "(?, ?)")
			args = append(args, indicator, node)
		}
	}
	out := map[string]int{}
	if len(rows) == 0 {
		return out, nil
	}
	q, evidenceArgs := evidenceUnion(f, false)
	counts, err := s.countVersionGroups(ctx, `under_node(indicator, node) AS (VALUES `+strings.Join(rows, ", ")+`)`,
		`SELECT DISTINCT '' AS city, n.node AS indicator, u.document_id FROM (`+q+`) u
			JOIN under_node n ON n.indicator = u.indicator`, append(args, evidenceArgs...))
	if err != nil {
		return nil, fmt.Errorf("count the evidence under each indicator by version: %w", err)
	}
	for _, c := range counts {
		out[c.Indicator] = c.Documents
	}
	return out, nil
}

// countVersionGroups counts the groups of versions of each cell of
// cells, a query of distinct (city, indicator, document_id) rows, after
// the common table expression with (if any); args are with's, then
// cells'. By VersionGroups' rule over a cell's documents in ID order, a
// document starts a group unless a document before it in the cell is a
// version of it (near duplicates both ways, both live: what HitDocuments
// reads): the groups of a cell are its documents with no
// version before them, which SQL counts without reading any of them out.
func (s *Store) countVersionGroups(ctx context.Context, with, cells string, args []any) ([]LinkCount, error) {
	rows, err := s.db.QueryContext(ctx, s.versionGroupsQuery(with, cells), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LinkCount
	for rows.Next() {
		var c LinkCount
		if err := rows.Scan(&c.City, &c.Indicator, &c.Documents); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b LinkCount) int {
		return cmp.Or(cmp.Compare(a.City, b.City), cmp.Compare(a.Indicator, b.Indicator))
	})
	return out, nil
}

// versionGroupsQuery is countVersionGroups' query. A document's earlier
// versions are looked up by its near duplicates (few) and then in its
// cell, not the other way round: a cell holds a thousand documents.
func (s *Store) versionGroupsQuery(with, cells string) string {
	if with != "" {
		with += ", "
	}
	order := s.dialect.byteOrder
	return `WITH ` + with + `evidence_cell(city, indicator, document_id) AS (` + cells + `)
		SELECT e.city, e.indicator, COUNT(*) FROM evidence_cell e
		WHERE NOT EXISTS (SELECT 1 FROM near_duplicates n
			WHERE n.document_id = e.document_id AND n.other_id` + order + ` < e.document_id` + order + `
			AND EXISTS (SELECT 1 FROM evidence_cell o WHERE o.document_id = n.other_id AND o.city = e.city AND o.indicator = e.indicator)
			AND EXISTS (SELECT 1 FROM near_duplicates r WHERE r.document_id = n.other_id AND r.other_id = n.document_id))
		GROUP BY e.city, e.indicator`
}
