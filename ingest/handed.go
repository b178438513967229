package ingest

import (
	"context"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// maxHanded bounds the documents an upload hands to extraction: past it
// (a queue of many thousands) a document is read from the catalog, as it
// always was.
const maxHanded = 8192

// handedDocs holds the documents upload requests just wrote, as a read of
// their rows gives them back (catalog.AsRead), by ID, until a worker
// takes their job: the worker then reads the document's change number
// alone (catalog.Store.DocumentSeq) instead of the whole row, and uses the
// one in hand while the catalog holds it at the same number. Every write
// to a document's columns gives it a new number, so an edit, a delete, a
// retry or a replaced original in between is read as before (issue 15:
// the document read again before extraction).
//
// Copies are kept only while this node's extraction workers run (open):
// every document queued then is taken off the queue by one of them,
// which takes its copy first, even when another node holds the job. A
// service whose pipeline was never started, or has stopped, hands
// nothing, and its stop drops what no worker took: such copies were kept
// until the bound, after which every upload was read as before (review
// s58, low).
type handedDocs struct {
	mu   sync.Mutex
	open bool
	docs map[string]*catalog.Document
}

// start opens the hand-over: extraction workers are about to run.
func (h *handedDocs) start() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.open = true
}

// stop closes the hand-over, the workers having ended, and drops every
// copy left.
func (h *handedDocs) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.open = false
	h.docs = nil
}

// hand keeps docs, just written, for their jobs, while workers run.
func (h *handedDocs) hand(docs ...*catalog.Document) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.open {
		return
	}
	if h.docs == nil {
		h.docs = make(map[string]*catalog.Document)
	}
	for _, d := range docs {
		if len(h.docs) >= maxHanded {
			return
		}
		h.docs[d.ID] = catalog.AsRead(d)
	}
}

// take returns and forgets the document handed for id; nil when none was.
func (h *handedDocs) take(id string) *catalog.Document {
	h.mu.Lock()
	defer h.mu.Unlock()
	d := h.docs[id]
	delete(h.docs, id)
	return d
}

// document is the live document id, ENOTFOUND when there is none: the one
// handed, when the catalog holds it at its change number still, or read.
func (s *Service) document(ctx context.Context, id string, handed *catalog.Document) (*catalog.Document, error) {
	if handed != nil {
		seq, live, err := s.cat.DocumentSeq(ctx, id)
		switch {
		case err != nil:
			return nil, err
		case !live:
			return nil, catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不存在", id)
		case seq == handed.Seq:
			return handed, nil
		}
	}
	return s.cat.Document(ctx, id)
}
