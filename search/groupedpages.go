package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// groupedPage is a page of a search's results by groups of versions
// (pageByGroups).
type groupedPage struct {
	// res holds the page's shown documents, best first (with their text
	// when the search asked for it), the number of matching documents and
	// the facets, which count documents.
	res *index.Result
	// textQuery is the search whose hits carry the page's text, by which
	// their passages are kept (fragmentCache).
	textQuery index.Query
	// folded names, by shown document, the other versions of its group
	// that the search matches, wherever they rank.
	folded map[string][]string
	// groups is how many groups all the matching documents make: a
	// document without versions is a group of its own.
	groups uint64
	// docs are the catalog's documents of the shown hits and of the
	// versions folded under them, as hitDocuments gives them.
	docs map[string]*catalog.Document
	// pending are the documents whose index copy may lag the catalog,
	// left out of the index's search, and added those of them found by
	// the catalog's values, with the indicators they are linked to
	// (pageAsCatalog).
	pending []string
	added   map[string][]string
}

// pageByGroups runs q, whose From and Size count groups of versions (the
// .pdf and .docx of one policy, a draft and its final text: the catalog's
// pairs, catalog.VersionGroups) rather than documents: each group is
// shown by its best-ranked matching member at that member's place, its
// other matching members folded into it however far down they rank, so
// a page holds whole groups and no version of a group listed on one page
// comes back on another.
//
// Which matching documents a group folds is learnt from the index asked
// about the archive's documents that have versions alone (kept from
// catalog.Store.AllVersionPairs while they stay the same: versionCache),
// in q's order; with none folded q runs as it is. Otherwise the page is
// found among q's first From+Size hits and the folded ones (ids only),
// and the text is read for the page's shown documents alone. Either way
// the page leaves out the hits the catalog no longer shows in q's cities
// (readShown), a group shown by its first version left.
func (s *Service) pageByGroups(ctx context.Context, q index.Query) (*groupedPage, error) {
	folded, isFolded, err := s.matchingVersions(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(isFolded) == 0 {
		res, err := s.idx.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		page := &groupedPage{res: res, textQuery: q, groups: res.Total}
		return page, s.readShown(ctx, page, q.Filter.Cities)
	}
	window := q
	window.From, window.Size, window.WithText = 0, q.From+q.Size+len(isFolded), false
	all, err := s.idx.Search(ctx, window)
	if err != nil {
		return nil, err
	}
	var shown []index.Hit
	group := 0
	for _, h := range all.Hits {
		if isFolded[h.ID] {
			continue
		}
		if group >= q.From && group < q.From+q.Size {
			shown = append(shown, h)
		}
		group++
	}
	page := &groupedPage{
		res:    &index.Result{Total: all.Total, Took: all.Took, Hits: shown, Facets: all.Facets},
		folded: folded, groups: all.Total - uint64(len(isFolded)),
	}
	if err := s.readShown(ctx, page, q.Filter.Cities); err != nil {
		return nil, err
	}
	page.textQuery, err = s.readPageText(ctx, q, page.res.Hits)
	return page, err
}

// matchingVersions returns, for each group of versions of which q matches
// more than one document, its best-ranked one with the others it folds,
// and the folded ones. The archive's versions are the ones kept
// (versionCache), so that a search asks the catalog for no more than
// whether they changed; the index is asked which of them q matches only
// when q's documents may hold two versions of one group.
func (s *Service) matchingVersions(ctx context.Context, q index.Query) (map[string][]string, map[string]bool, error) {
	all, err := s.versions.versions(ctx, s.cat)
	if err != nil {
		return nil, nil, err
	}
	versioned := all.ids
	if len(q.Filter.IDs) > 0 {
		versioned = slices.DeleteFunc(slices.Clone(versioned), func(id string) bool { return !slices.Contains(q.Filter.IDs, id) })
		if len(all.among(versioned)) == 0 {
			versioned = nil
		}
	}
	if len(versioned) < 2 {
		// No two of the documents q may match are versions of each
		// other: nothing folds, whichever of them q matches.
		return nil, nil, nil
	}
	vq := q
	vq.From, vq.Size, vq.FacetSize, vq.WithText = 0, len(versioned), 0, false
	vq.Filter.IDs = versioned
	res, err := s.idx.Search(ctx, vq)
	if err != nil {
		return nil, nil, fmt.Errorf("find the versions a search matches: %w", err)
	}
	matched := hitIDs(res)
	folded, isFolded := map[string][]string{}, map[string]bool{}
	for _, g := range catalog.VersionGroups(matched, 0, all.among(matched)) {
		if len(g) < 2 {
			continue
		}
		folded[g[0]] = g[1:]
		for _, id := range g[1:] {
			isFolded[id] = true
		}
	}
	return folded, isFolded, nil
}

// readPageText sets the pages and spans of shown, hits of q, when q asks
// for them, by a search of q held to those documents, which it returns.
func (s *Service) readPageText(ctx context.Context, q index.Query, shown []index.Hit) (index.Query, error) {
	tq := q
	tq.From, tq.Size, tq.FacetSize = 0, len(shown), 0
	tq.Filter.IDs = make([]string, len(shown))
	for i, h := range shown {
		tq.Filter.IDs[i] = h.ID
	}
	if !q.WithText || len(shown) == 0 {
		return tq, nil
	}
	res, err := s.idx.Search(ctx, tq)
	if err != nil {
		return tq, fmt.Errorf("read the text of a page of results: %w", err)
	}
	byID := make(map[string]index.Hit, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	for i := range shown {
		t := byID[shown[i].ID]
		shown[i].Pages, shown[i].Spans = t.Pages, t.Spans
	}
	return tq, nil
}

// foldGroups counts on each hit of res the other versions of its group
// that the search matched (folded, by shown document), and in Folded.
func foldGroups(res *Result, folded map[string][]string) {
	for i, h := range res.Hits {
		if ids := folded[h.ID]; len(ids) > 0 {
			res.Hits[i].NearDuplicates, res.Hits[i].NearDuplicateIDs = len(ids), ids
			res.Folded += len(ids)
		}
	}
}
