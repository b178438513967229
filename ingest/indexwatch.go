package ingest

import "github.com/lcmonitor/evidence/index"

// IndexWatcher is told when the index has written or removed documents,
// after the write, so that what is derived from the index's counts is
// counted again (search.Service's common terms of a city); an interface
// so that ingest does not import search.
type IndexWatcher interface {
	// IndexChanged says that documents of cities were written to the
	// index or removed from it; with no city named, documents of cities
	// unknown (removed by ID). It must return at once: it is called
	// within the pipeline's writes to the index.
	IndexChanged(cities ...string)
}

// UseIndexWatcher has w told of every write of the pipeline to the
// index; without it nobody is.
func (s *Service) UseIndexWatcher(w IndexWatcher) { s.watcher = w }

// indexChanged tells the watcher, if any, that the index wrote or removed
// documents of cities (of cities unknown when none is named).
func (s *Service) indexChanged(cities ...string) {
	if s.watcher != nil {
		s.watcher.IndexChanged(cities...)
	}
}

// citiesOf is the cities of docs, each once.
func citiesOf(docs ...[]index.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, ds := range docs {
		for _, d := range ds {
			if d.City != "" && !seen[d.City] {
				seen[d.City] = true
				out = append(out, d.City)
			}
		}
	}
	return out
}
