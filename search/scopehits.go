package search

import (
	"context"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// hitDocuments returns the live documents of ids, the hits of an index
// search filtered to cities (every city when cities is empty), by ID, as
// catalog.Store.DocumentsByID does, leaving out those the catalog now
// files under another city. The index learns a move after the catalog
// (the document is written again once the move has committed, and another
// node's index follows the catalog late), so until then its city filter
// still matches a document moved out of the cities searched; shown, its
// title and passages would reach the accounts of the city it left (probe
// s46 #1). Such a hit is left out as a document deleted since it was
// indexed is.
func (s *Service) hitDocuments(ctx context.Context, ids, cities []string) (map[string]*catalog.Document, error) {
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil || len(cities) == 0 {
		return docs, err
	}
	for id, d := range docs {
		if !slices.Contains(cities, d.City) {
			delete(docs, id)
		}
	}
	return docs, nil
}
