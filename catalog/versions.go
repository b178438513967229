package catalog

import (
	"context"
	"fmt"
	"slices"
)

// VersionGroups groups ids (distinct documents, in the order a page lists
// them) by version: near duplicates (pairs, as HitDocuments and
// VersionPairs read them: both ways, both live), such as the .pdf and .docx of one 文号 or a
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

// VersionPairs returns, for each of ids, those of ids that are its near
// duplicates (both live), as HitDocuments does for a page of hits, for
// any number of ids: the heat map asks it of every document of every
// cell. The pairs are read a run of ids at a time (forInLists), or all at
// once for more ids than one run holds, and those whose other document
// is not among ids are left out.
func (s *Store) VersionPairs(ctx context.Context, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) < 2 {
		return out, nil
	}
	among := make(map[string]bool, len(ids))
	for _, id := range ids {
		among[id] = true
	}
	query := func(in string, args []any) error {
		q := `SELECT n.document_id, n.other_id FROM near_duplicates n WHERE ` + liveVersionPair
		if in != "" {
			q += ` AND n.document_id IN ` + in
		}
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a, b string
			if err := rows.Scan(&a, &b); err != nil {
				return err
			}
			if among[a] && among[b] && !slices.Contains(out[a], b) {
				out[a] = append(out[a], b)
			}
		}
		return rows.Err()
	}
	var err error
	if len(ids) > maxInList {
		// The heat map asks of a whole archive's evidence: the pairs are
		// far fewer than the documents (only versions have any), so they
		// are read all at once rather than a run of ids at a time.
		err = query("", nil)
	} else {
		err = forInLists(ids, query)
	}
	if err != nil {
		return nil, fmt.Errorf("query the versions of %d documents: %w", len(ids), err)
	}
	return out, nil
}

// liveVersionPair holds for a row n of near_duplicates that is a pair of
// versions: recorded both ways, both documents live.
const liveVersionPair = `EXISTS (SELECT 1 FROM near_duplicates r WHERE r.document_id = n.other_id AND r.other_id = n.document_id)
			AND EXISTS (SELECT 1 FROM document a WHERE a.id = n.document_id AND a.deleted_at IS NULL)
			AND EXISTS (SELECT 1 FROM document b WHERE b.id = n.other_id AND b.deleted_at IS NULL)`

// VersionedDocuments returns the ids of the live documents that have a
// live version (a near duplicate recorded both ways, as VersionPairs
// reads them), sorted. Only versions have any, so they are far fewer than
// the documents: search pages its results by groups of versions and asks
// the index which of these alone a search matches.
func (s *Store) VersionedDocuments(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT n.document_id FROM near_duplicates n WHERE `+liveVersionPair+` ORDER BY n.document_id`)
	if err != nil {
		return nil, fmt.Errorf("query the documents that have versions: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read a document that has versions: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the documents that have versions: %w", err)
	}
	return ids, nil
}

// VersionsStamp tells whether the archive's versions may have changed: two
// stamps read from the catalog are equal only if no document changed
// (added, edited, moved, deleted or restored: each takes a new change
// number, LatestSeq) and no pair of near duplicates was recorded between
// them. Rows of near_duplicates are only ever added (a pair recorded again
// keeps its row), so their count grows with every new pair, also one
// recorded without a change number (AddNearDuplicates, a reindex linking
// the versions of documents already indexed). A cache of what
// AllVersionPairs says, kept with the stamp read before it, is current
// while the catalog's stamp equals its own, on every node of a shared
// catalog.
type VersionsStamp struct {
	seq, pairs int64
}

// Seq is the catalog's latest change number when the stamp was read
// (LatestSeq).
func (st VersionsStamp) Seq() int64 { return st.seq }

// VersionsStamp reads the catalog's VersionsStamp, in one query of two
// indexed aggregates: far cheaper than AllVersionPairs, whose rows it
// stands for.
func (s *Store) VersionsStamp(ctx context.Context) (VersionsStamp, error) {
	var st VersionsStamp
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT COALESCE(MAX(seq), 0) FROM document), (SELECT COUNT(*) FROM near_duplicates)`).
		Scan(&st.seq, &st.pairs)
	if err != nil {
		return VersionsStamp{}, fmt.Errorf("read the stamp of the versions: %w", err)
	}
	return st, nil
}

// SearchStamps reads the CitationsStamp and the VersionsStamp together,
// in one query: a search needs both, and under load each query waits its
// turn for one of the read connections, so one query instead of two is a
// wait fewer on every search. Both are read in one snapshot, as each
// alone would be.
func (s *Store) SearchStamps(ctx context.Context) (CitationsStamp, VersionsStamp, error) {
	cs, vs, _, err := s.SearchStampsExtracted(ctx)
	return cs, vs, err
}

// SearchStampsExtracted is SearchStamps also saying, in the same query,
// whether any live document is extracted after it was first indexed (its
// index entry to be written again after a change: reindexPendingSQL,
// PendingIndexChanges; fresh uploads in flight do not count): with none,
// and an index that applied every
// change, a search has no facet to correct and reads nothing more.
func (s *Store) SearchStampsExtracted(ctx context.Context) (cs CitationsStamp, vs VersionsStamp, extracted bool, err error) {
	q, args := citationsStampSQL(s.dialect)
	var anyExtracted int64
	err = s.db.QueryRowContext(ctx, q+`, (SELECT COUNT(*) FROM near_duplicates),
		CASE WHEN EXISTS (SELECT 1 FROM document WHERE `+reindexPendingSQL+`) THEN 1 ELSE 0 END`,
		args...).
		Scan(&cs.seq, &cs.event, &cs.recent, &vs.pairs, &anyExtracted)
	if err != nil {
		return CitationsStamp{}, VersionsStamp{}, false, fmt.Errorf("read the stamps of the citations and versions: %w", err)
	}
	vs.seq = cs.seq
	return cs, vs, anyExtracted == 1, nil
}

// AllVersionPairs returns every live document's live versions (near
// duplicates recorded both ways, as VersionPairs reads them), by document:
// the documents that have versions (VersionedDocuments) are its keys. A
// search keeps it while VersionsStamp stays the same.
func (s *Store) AllVersionPairs(ctx context.Context) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n.document_id, n.other_id FROM near_duplicates n WHERE `+liveVersionPair)
	if err != nil {
		return nil, fmt.Errorf("query the versions of the archive: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, fmt.Errorf("read a pair of versions: %w", err)
		}
		out[a] = append(out[a], b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the versions of the archive: %w", err)
	}
	return out, nil
}
