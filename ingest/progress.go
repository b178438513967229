package ingest

import "sync"

// ocrProgress is how far OCR has come per document being read: pages done
// of pages to read. It lives in memory only: after a restart a document is
// read again from its first page.
type ocrProgress struct {
	mu    sync.Mutex
	pages map[string][2]int
}

func (p *ocrProgress) set(id string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pages == nil {
		p.pages = map[string][2]int{}
	}
	p.pages[id] = [2]int{done, total}
}

func (p *ocrProgress) clear(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.pages, id)
}

// long counts the documents being OCR'd with at least pages pages left.
func (p *ocrProgress) long(pages int) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, dt := range p.pages {
		if dt[1]-dt[0] >= pages {
			n++
		}
	}
	return n
}

// Progress reports how many pages of a document OCR has read and how many
// it will read; ok is false when the document is not being OCR'd now
// (waiting, finished, or read without OCR).
func (s *Service) Progress(id string) (done, total int, ok bool) {
	s.progress.mu.Lock()
	defer s.progress.mu.Unlock()
	p, ok := s.progress.pages[id]
	return p[0], p[1], ok
}
