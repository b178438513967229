package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// pageAsCatalog is pageByGroups(q) with the documents whose index copy
// may lag the catalog (pendingChanges) found, counted and faceted by the
// catalog's values, so that the hits, total, groups and facets agree
// (probe s54: they used to agree with the index, or with the catalog, by
// turns). The index is searched for q without the pending documents,
// which it files by values that may be old, and once more among the
// pending documents alone for q's words without its field filters
// (pendingMatches): those the catalog files under q's filters are then
// ranked among the index's hits by q's order, counted in the total, the
// groups and the facets; the others, moved away or deleted, nowhere. With
// nothing pending it is pageByGroups(q) and reads nothing more. approximate
// is pendingSet.more: the changes past the latest maxCorrectedChanges are
// found and counted as the index has them. A pending document found that
// has versions is folded with them as the index's groups are
// (pageWithPendingVersions); the others are each a group of their own.
//
// A page after the first needs the index's hits up to it less the pending
// documents that may rank before it: at most len(added) more, read without
// text, the page's text then read for its hits alone (readPageText).
func (s *Service) pageAsCatalog(ctx context.Context, q index.Query) (page *groupedPage, approximate bool, err error) {
	p, err := s.pendingChanges(ctx)
	if err != nil {
		return nil, false, err
	}
	ids := pendingAmong(p, q.Filter.IDs)
	if len(ids) == 0 {
		page, err := s.pageByGroups(ctx, q)
		return page, p.more, err
	}
	added, err := s.pendingMatches(ctx, q, p, ids)
	if err != nil {
		return nil, false, err
	}
	indexed := q
	indexed.Filter.ExcludeIDs = slices.Concat(q.Filter.ExcludeIDs, ids)
	if len(added) == 0 {
		page, err := s.pageByGroups(ctx, indexed)
		if err != nil {
			return nil, false, err
		}
		page.pending = ids
		return page, p.more, nil
	}
	all, addedVersioned, err := s.pendingVersioned(ctx, added)
	if err != nil {
		return nil, false, err
	}
	if len(addedVersioned) > 0 {
		page, err := s.pageWithPendingVersions(ctx, q, indexed, p, ids, added, addedVersioned, all)
		return page, p.more, err
	}
	from := max(0, q.From-len(added))
	window := indexed
	window.From, window.Size, window.WithText = from, q.From+q.Size-from, false
	if q.Sort == index.SortRelevance {
		// Ties by ID, as mergeRanked ranks the added hits among them:
		// Bleve's own order of ties (a search without words scores every
		// document alike) put a page's added hit before or after them by
		// turns, shown twice across pages and another never (review s55).
		window.Sort = index.SortRelevanceByID
	}
	page, err = s.pageByGroups(ctx, window)
	if err != nil {
		return nil, false, err
	}
	docs := page.docs
	if docs == nil {
		docs = map[string]*catalog.Document{}
	}
	for _, h := range added {
		docs[h.ID] = p.docs[h.ID]
	}
	hits := mergeRanked(q.Sort, page.res.Hits, added, docs, from, q.From, q.Size)
	res := &index.Result{Total: page.res.Total + uint64(len(added)), Took: page.res.Took, Hits: hits,
		Facets: withCatalogValues(page.res.Facets, added, p)}
	addedLinks := make(map[string][]string, len(added))
	for _, h := range added {
		addedLinks[h.ID] = p.indicators[h.ID]
	}
	out := &groupedPage{res: res, folded: page.folded, groups: page.groups + uint64(len(added)), docs: docs,
		pending: ids, added: addedLinks}
	// The page's text, by q's words alone: a document the catalog moved
	// under q's filters is not there in the index yet.
	text := q
	text.Filter = index.Filter{ExcludeIDs: q.Filter.ExcludeIDs, Cut: q.Filter.Cut}
	if out.textQuery, err = s.readPageText(ctx, text, res.Hits); err != nil {
		return nil, false, err
	}
	return out, p.more, nil
}

// pendingMatches returns, best first, the documents of ids (pending
// ones of p) that q's words find and that the catalog files under q's
// filters (filedUnder), whatever their index copy says: one index search
// among ids, of q without its field filters.
func (s *Service) pendingMatches(ctx context.Context, q index.Query, p *pendingSet, ids []string) ([]index.Hit, error) {
	found, err := s.pendingWordHits(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	return filedHits(found, p, q.Filter), nil
}

// pendingWordHits returns, best first and without text, the documents of
// ids that q's words find, whatever q's field filters: one index search.
func (s *Service) pendingWordHits(ctx context.Context, q index.Query, ids []string) ([]index.Hit, error) {
	words := q
	words.Filter = index.Filter{IDs: ids, ExcludeIDs: q.Filter.ExcludeIDs, Cut: q.Filter.Cut}
	words.From, words.Size, words.FacetSize, words.WithText, words.Sort = 0, len(ids), 0, false, index.SortRelevance
	found, err := s.idx.Search(ctx, words)
	if err != nil {
		return nil, fmt.Errorf("find the changed documents: %w", err)
	}
	return found.Hits, nil
}

// filedHits keeps of found (pending documents of p) those the catalog
// files under f's field filters (filedUnder), as IDs and scores.
func filedHits(found []index.Hit, p *pendingSet, f index.Filter) []index.Hit {
	var kept []index.Hit
	for _, h := range found {
		if d := p.docs[h.ID]; d != nil && filedUnder(d, p.indicators[h.ID], f) {
			kept = append(kept, index.Hit{ID: h.ID, Score: h.Score})
		}
	}
	return kept
}

// pendingAmong returns those of p's documents that a search held to ids
// (none: every document) may find.
func pendingAmong(p *pendingSet, ids []string) []string {
	if len(ids) == 0 {
		return p.ids
	}
	return slices.DeleteFunc(slices.Clone(p.ids), func(id string) bool { return !slices.Contains(ids, id) })
}

// filedUnder reports whether the index would keep d, linked to
// indicators, by f's field filters once it is written again
// (ingest.IndexDocument gives its fields; index's filterQueries keeps
// them). f's IDs and ExcludeIDs are the search's to apply.
func filedUnder(d *catalog.Document, indicators []string, f index.Filter) bool {
	in := func(values []string, v string) bool { return len(values) == 0 || slices.Contains(values, v) }
	if !in(f.Cities, d.City) || !in(f.DocTypes, string(d.DocType)) || !in(f.Departments, d.Department) {
		return false
	}
	if len(f.Years) > 0 && !slices.Contains(f.Years, d.Year()) {
		return false
	}
	if len(f.Rounds) > 0 && !slices.ContainsFunc(f.Rounds, func(r int) bool { return strconv.Itoa(r) == d.MonitoringRound() }) {
		return false
	}
	if len(f.Indicators) > 0 && !slices.Contains(f.IndicatorIDs, d.ID) &&
		!slices.ContainsFunc(indicators, func(code string) bool { return slices.Contains(f.Indicators, code) }) {
		return false
	}
	if !f.IssuedFrom.IsZero() || !f.IssuedTo.IsZero() {
		day, ok := issuedDay(d)
		if !ok || (!f.IssuedFrom.IsZero() && day.Before(f.IssuedFrom)) ||
			(!f.IssuedTo.IsZero() && !day.Before(f.IssuedTo.AddDate(0, 0, 1))) {
			return false
		}
	}
	return true
}

// issuedDay is d's date of issue as the index keeps it
// (ingest.IndexDocument): a month without its day on the 1st, a bare year
// none.
func issuedDay(d *catalog.Document) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, d.IssuedOn); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// mergeRanked returns the hits at [from, from+size) of the list that
// ranks added among indexed by sort: indexed are the index's hits from
// position at on (at ≤ from - len(added), or 0), in sort's order; added
// are in relevance order. An added hit ranked before indexed[0] is before
// the page when at > 0 (at most len(added) of them precede indexed[0],
// which is at most at position from); one ranked after the last of a full
// window is after the page. docs hold both's documents, for the dates of
// issue an order by date compares.
//
// Relevance compares the index's scores: an added hit's is of q's words
// among the pending documents' IDs, and the index scores neither a
// search's filters nor its IDs when it has words (index's buildQuery), so
// it is the score the hit will have once the index applies its change,
// as long as its words (title, text) are the copy's. A search without
// words scores by its filters: its added hits rank near, not exactly,
// where they will (ties are ranked by ID, pendingties_test.go).
func mergeRanked(sort index.Sort, indexed, added []index.Hit, docs map[string]*catalog.Document, at, from, size int) []index.Hit {
	before := func(a, b index.Hit) int { return rankOrder(sort, a, b, docs) }
	added = slices.Clone(added)
	slices.SortStableFunc(added, before)
	lead := at
	if at > 0 {
		if len(indexed) == 0 {
			return []index.Hit{} // the index's hits end before the page
		}
		first := indexed[0]
		n, _ := slices.BinarySearchFunc(added, first, func(a, first index.Hit) int {
			if before(a, first) < 0 {
				return -1
			}
			return 1
		})
		added, lead = added[n:], at+n
	}
	// Merged as far as the page's end, no further.
	end := max(from-lead, 0) + size
	merged := make([]index.Hit, 0, min(len(indexed)+len(added), end))
	i, j := 0, 0
	for len(merged) < end && (i < len(indexed) || j < len(added)) {
		if j == len(added) || (i < len(indexed) && before(indexed[i], added[j]) <= 0) {
			merged = append(merged, indexed[i])
			i++
		} else {
			merged = append(merged, added[j])
			j++
		}
	}
	start := min(max(from-lead, 0), len(merged))
	return merged[start:min(start+size, len(merged))]
}

// rankOrder compares a and b as index's sortOrder ranks hits by sort: by
// score, best first; by date of issue (those without last), then score,
// then ID, latest first; by upload, the latest ID first.
func rankOrder(sort index.Sort, a, b index.Hit, docs map[string]*catalog.Document) int {
	byScore := cmp.Compare(b.Score, a.Score)
	byID := strings.Compare(b.ID, a.ID)
	switch sort {
	case index.SortUploaded:
		return byID
	case index.SortIssued, index.SortIssuedAsc:
		da, aok := issuedOf(docs[a.ID])
		db, bok := issuedOf(docs[b.ID])
		byDate := 0
		switch {
		case aok && bok:
			byDate = da.Compare(db)
			if sort == index.SortIssued {
				byDate = -byDate
			}
		case aok != bok:
			byDate = map[bool]int{true: -1, false: 1}[aok]
		}
		return cmp.Or(byDate, byScore, byID)
	}
	return cmp.Or(byScore, byID)
}

// issuedOf is issuedDay of d, none when d is not known.
func issuedOf(d *catalog.Document) (time.Time, bool) {
	if d == nil {
		return time.Time{}, false
	}
	return issuedDay(d)
}

// withCatalogValues returns facets (the index's, maybe kept for other
// searches: never changed) with the documents of added counted under
// their catalog values (countFacetValues), each facet by count, then
// value.
func withCatalogValues(facets map[string][]index.FacetValue, added []index.Hit, p *pendingSet) map[string][]index.FacetValue {
	counts := map[string]map[string]int{}
	for _, field := range index.FacetFields {
		counts[field] = map[string]int{}
		for _, v := range facets[field] {
			counts[field][v.Value] += v.Count
		}
	}
	for _, h := range added {
		countFacetValues(counts, p.docs[h.ID], p.indicators[h.ID])
	}
	out := make(map[string][]index.FacetValue, len(counts))
	for field, byValue := range counts {
		values := make([]index.FacetValue, 0, len(byValue))
		for v, n := range byValue {
			values = append(values, index.FacetValue{Value: v, Count: n})
		}
		slices.SortFunc(values, func(a, b index.FacetValue) int { return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value)) })
		out[field] = values
	}
	return out
}

// citedAmongAdded counts, for each indicator, the documents of added
// (found by the catalog's values, with the indicators they are linked
// to: pageAsCatalog) its claims and values cite (sc) and that are not
// linked to it, which the facet counts already (withCatalogValues): what
// citedCounts counts of the documents the index found.
func citedAmongAdded(sc *citedScope, added map[string][]string) map[string]int {
	out := map[string]int{}
	for id, linked := range added {
		for code, ids := range sc.byCode {
			if _, ok := slices.BinarySearch(ids, id); ok && !slices.Contains(linked, code) {
				out[code]++
			}
		}
	}
	return out
}

// countFacetValues counts in counts (by facet field, then value) the
// facet values the index gives d, linked to indicators, once written
// (ingest.IndexDocument, index's fieldFacets).
func countFacetValues(counts map[string]map[string]int, d *catalog.Document, indicators []string) {
	if d.City != "" {
		counts["city"][d.City]++
	}
	if d.DocType != "" {
		counts["doc_type"][string(d.DocType)]++
	}
	if y := d.Year(); y > 0 {
		counts["year"][strconv.Itoa(y)]++
	}
	for _, code := range indicators {
		counts[indicatorFacet][code]++
	}
}
