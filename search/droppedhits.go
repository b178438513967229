package search

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// readShown reads the catalog's documents of p's hits and of the versions
// folded under them, in one read, and leaves out of p those the catalog
// no longer shows in cities (hitDocuments: deleted, or moved to another
// city, since they were indexed).
func (s *Service) readShown(ctx context.Context, p *groupedPage, cities []string) error {
	ids := make([]string, 0, len(p.res.Hits))
	for _, h := range p.res.Hits {
		ids = append(ids, h.ID)
		ids = append(ids, p.folded[h.ID]...)
	}
	docs, err := s.hitDocuments(ctx, ids, cities)
	if err != nil {
		return fmt.Errorf("load hit documents: %w", err)
	}
	p.docs = docs
	p.leaveOut(docs)
	return nil
}

// leaveOut drops from p the hits and folded versions that docs does not
// hold, and counts them out of its total and groups (review s46 #8: a page
// whose only hit had moved said 共 1 条 and showed nothing). A group whose
// shown document is dropped is shown by its first version left, at the
// same place (review s46 #2: a head moved to another city took the
// versions still in the city searched with it); a group with none left
// is counted out. Only the page's own hits are known dropped: the facets,
// and the hits of other pages, count them until the index catches up.
//
// p's result may be the index's, kept for other searches: it is copied,
// never changed.
func (p *groupedPage) leaveOut(docs map[string]*catalog.Document) {
	res := *p.res
	res.Hits = make([]index.Hit, 0, len(p.res.Hits))
	folded := make(map[string][]string, len(p.folded))
	var dropped uint64
	for _, h := range p.res.Hits {
		var left []string
		for _, id := range p.folded[h.ID] {
			if docs[id] != nil {
				left = append(left, id)
			} else {
				dropped++
			}
		}
		if docs[h.ID] == nil {
			dropped++
			if len(left) == 0 {
				p.groups -= min(p.groups, 1)
				continue
			}
			// Its text is read with the page's (readPageText).
			h = index.Hit{ID: left[0], Score: h.Score}
			left = left[1:]
		}
		res.Hits = append(res.Hits, h)
		if len(left) > 0 {
			folded[h.ID] = left
		}
	}
	res.Total -= min(res.Total, dropped)
	p.res, p.folded = &res, folded
}
