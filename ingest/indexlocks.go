package ingest

import "sync"

// indexLocks serialises the index writes of each document, not of the
// whole index: a writer holds the IDs it writes, and one wanting any of
// them waits until all are free, so that the last write of a document
// always carries its latest title, links and text (writeIndex reloads
// them while it holds them) and two writes of one document never meet in
// Bleve, where the one introduced last would win. Writes of different
// documents go to Bleve together: the indexer keeps two batches in
// flight (runIndexer). A holder takes all its IDs at once, so no two
// holders wait for each other.
type indexLocks struct {
	mu   sync.Mutex
	free *sync.Cond
	held map[string]bool
}

// lock waits until none of ids is held, then holds them all. An ID given
// twice is held once.
func (l *indexLocks) lock(ids []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.free == nil {
		l.free, l.held = sync.NewCond(&l.mu), map[string]bool{}
	}
	for l.anyHeld(ids) {
		l.free.Wait()
	}
	for _, id := range ids {
		l.held[id] = true
	}
}

func (l *indexLocks) anyHeld(ids []string) bool {
	for _, id := range ids {
		if l.held[id] {
			return true
		}
	}
	return false
}

// unlock lets go of ids, which lock took.
func (l *indexLocks) unlock(ids []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		delete(l.held, id)
	}
	l.free.Broadcast()
}
