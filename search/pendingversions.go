package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// pendingVersioned returns the documents of added (found by the catalog's
// values: pageAsCatalog) that have versions in the archive (versionCache),
// none when no document of added has: each is then a group of its own.
func (s *Service) pendingVersioned(ctx context.Context, added []index.Hit) (*versionSet, []index.Hit, error) {
	all, err := s.versions.versions(ctx, s.cat)
	if err != nil {
		return nil, nil, err
	}
	var versioned []index.Hit
	for _, h := range added {
		if _, ok := slices.BinarySearch(all.ids, h.ID); ok {
			versioned = append(versioned, h)
		}
	}
	return all, versioned, nil
}

// pageWithPendingVersions is pageByGroups(q) with the pending documents
// found by the catalog's values (added, of p; indexed is q without
// pending, those of p's documents q may find) ranked among the index's hits and folded with their versions
// by the one rule of the index's groups (catalog.VersionGroups over the
// matching versions in q's order): a pending document that is a version
// of another the search finds used to be a group of its own beside it
// until the index applied its change. Taken only when a document of added
// has versions (addedVersioned, of all), so it reads the index's hits from
// the first, without text, up to the page's end and the versions that
// may fold before it, and the catalog's documents of those hits, by which
// an order by date ranks them among added.
func (s *Service) pageWithPendingVersions(ctx context.Context, q, indexed index.Query, p *pendingSet, pending []string,
	added, addedVersioned []index.Hit, all *versionSet) (*groupedPage, error) {
	if q.Sort == index.SortRelevance {
		indexed.Sort = index.SortRelevanceByID // ties as mergeRanked ranks them
	}
	versioned := all.ids
	if len(q.Filter.IDs) > 0 {
		versioned = slices.DeleteFunc(slices.Clone(versioned), func(id string) bool { return !slices.Contains(q.Filter.IDs, id) })
	}
	vq := indexed
	vq.From, vq.Size, vq.FacetSize, vq.WithText = 0, len(versioned), 0, false
	vq.Filter.IDs = versioned
	matchedIndexed, err := s.idx.Search(ctx, vq)
	if err != nil {
		return nil, fmt.Errorf("find the versions a search matches: %w", err)
	}
	window := indexed
	window.From, window.WithText = 0, false
	window.Size = q.From + q.Size + len(matchedIndexed.Hits) + len(addedVersioned)
	found, err := s.idx.Search(ctx, window)
	if err != nil {
		return nil, err
	}
	// An order by date ranks the index's hits among added by the
	// catalog's dates, as the page shows them; the others by score or ID.
	docs := make(map[string]*catalog.Document, len(added))
	if q.Sort == index.SortIssued || q.Sort == index.SortIssuedAsc {
		ids := make([]string, 0, len(found.Hits)+len(matchedIndexed.Hits))
		for _, h := range slices.Concat(found.Hits, matchedIndexed.Hits) {
			ids = append(ids, h.ID)
		}
		if docs, err = s.hitDocuments(ctx, ids, nil); err != nil {
			return nil, fmt.Errorf("load hit documents: %w", err)
		}
		if docs == nil {
			docs = map[string]*catalog.Document{}
		}
	}
	for _, h := range added {
		docs[h.ID] = p.docs[h.ID]
	}
	everyHit := func(indexed, added []index.Hit) []index.Hit {
		return mergeRanked(q.Sort, indexed, added, docs, 0, 0, len(indexed)+len(added))
	}
	matched := hitIDs(&index.Result{Hits: everyHit(matchedIndexed.Hits, addedVersioned)})
	folded, isFolded := map[string][]string{}, map[string]bool{}
	for _, g := range catalog.VersionGroups(matched, 0, all.among(matched)) {
		if len(g) > 1 {
			folded[g[0]] = g[1:]
			for _, id := range g[1:] {
				isFolded[id] = true
			}
		}
	}
	var shown []index.Hit
	group := 0
	for _, h := range everyHit(found.Hits, added) {
		if isFolded[h.ID] {
			continue
		}
		if group >= q.From && group < q.From+q.Size {
			shown = append(shown, h)
		}
		group++
	}
	total := found.Total + uint64(len(added))
	addedLinks := make(map[string][]string, len(added))
	for _, h := range added {
		addedLinks[h.ID] = p.indicators[h.ID]
	}
	page := &groupedPage{
		res:    &index.Result{Total: total, Took: found.Took, Hits: shown, Facets: withCatalogValues(found.Facets, added, p)},
		folded: folded, groups: total - uint64(len(isFolded)), pending: pending, added: addedLinks,
	}
	if err := s.readShownAsCatalog(ctx, page, p, q.Filter.Cities); err != nil {
		return nil, err
	}
	// The page's text, by q's words alone, as pageAsCatalog reads it.
	text := q
	text.Filter = index.Filter{ExcludeIDs: q.Filter.ExcludeIDs, Cut: q.Filter.Cut}
	if page.textQuery, err = s.readPageText(ctx, text, page.res.Hits); err != nil {
		return nil, err
	}
	return page, nil
}

// readShownAsCatalog is readShown of page, whose hits and folded versions
// may be pending documents of p found by the catalog's values: those are
// p's own (filed under the search's cities: filedUnder), the others read
// (hitDocuments), so that a search reads no pending document again.
func (s *Service) readShownAsCatalog(ctx context.Context, page *groupedPage, p *pendingSet, cities []string) error {
	var ids []string
	for _, h := range page.res.Hits {
		for _, id := range append([]string{h.ID}, page.folded[h.ID]...) {
			if _, added := page.added[id]; !added {
				ids = append(ids, id)
			}
		}
	}
	docs, err := s.hitDocuments(ctx, ids, cities)
	if err != nil {
		return fmt.Errorf("load hit documents: %w", err)
	}
	if docs == nil {
		docs = map[string]*catalog.Document{}
	}
	for id := range page.added {
		docs[id] = p.docs[id]
	}
	page.docs = docs
	page.leaveOut(docs)
	return nil
}
