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
//
// The documents come from s.hitDocs where the catalog holds them at the
// seq they were kept at: pages of hits ask for the same few documents
// again and again, and a document's 27 columns cost a search more than a
// check of its seq (catalog.BenchmarkDocumentsByIDKept), which a search
// skips for a document its stamps' statement listed no change of since
// the check (catalog.DocumentCache.SearchStamps, stampsOf).
func (s *Service) hitDocuments(ctx context.Context, ids, cities []string) (map[string]*catalog.Document, error) {
	// A search's stamp, read before the documents through s.hitDocs,
	// lets the hits unchanged since their check skip it; outside a
	// search (no stamp) each is checked.
	var at catalog.VersionsStamp
	if st := stampsOf(ctx, s.cat); st != nil && st.err == nil {
		at = st.version
	}
	docs, err := s.hitDocs.DocumentsByID(ctx, s.cat, ids, at)
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

// keptHitDocuments is how many hit documents a Service keeps: about 4 MB
// of rows, the pages of hits of many searches.
const keptHitDocuments = 4096
