package documents

import (
	"container/list"
	"context"
	"io"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// pageIndex is where each page of a stored text, and each part of a long
// page, begins in its blob (ingest.TextPages.Offset), with what a page
// view needs of the rest of the text: the count of pages and parts, the
// first line of a page of several parts and the index cut. With it a view
// reads from the part before the one shown to the part after, not the
// text from its start (a 3.3 MB text took some 15 ms a view to decode).
type pageIndex struct {
	pages     []indexedPage // page n is pages[n-1]
	cut       index.IndexCut
	extractor string
	// firstPart is the start of the page being indexed, for its first
	// line.
	firstPart []byte
}

type indexedPage struct {
	parts     []int64 // the blob offset of each part
	firstLine string  // of a page of several parts
}

// add notes that part k of page n begins at off in the blob.
func (ix *pageIndex) add(n, k int, off int64) {
	for len(ix.pages) < n {
		ix.pages = append(ix.pages, indexedPage{})
	}
	if p := &ix.pages[n-1]; len(p.parts) < k {
		p.parts = append(p.parts, off)
	}
}

// pageIndexes keeps the page indexes of the texts whose pages were shown
// last, by the SHA-256 of their blob as written (catalog.TextHash): a text
// read anew is indexed anew.
type pageIndexes struct {
	mu      sync.Mutex
	order   *list.List // of *pageIndexEntry, the most recently used first
	entries map[string]*list.Element
}

type pageIndexEntry struct {
	key string
	ix  *pageIndex
}

// indexedTexts is how many texts' page indexes are kept: some 40 bytes a
// page.
const indexedTexts = 128

func (c *pageIndexes) get(key string) *pageIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*pageIndexEntry).ix
}

func (c *pageIndexes) put(key string, ix *pageIndex) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries, c.order = map[string]*list.Element{}, list.New()
	}
	if e, ok := c.entries[key]; ok {
		e.Value.(*pageIndexEntry).ix = ix
		c.order.MoveToFront(e)
		return
	}
	c.entries[key] = c.order.PushFront(&pageIndexEntry{key: key, ix: ix})
	for c.order.Len() > indexedTexts {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*pageIndexEntry).key)
	}
}

// pageIndexKey names d's stored text for its page index: its recorded
// hash, when the blob is of the recorded size, else "" (a text saved
// again without its hash recorded, or damaged: read from its start).
func (s *Service) pageIndexKey(ctx context.Context, d *catalog.Document) (string, error) {
	h, err := s.textHash(ctx, d)
	if err != nil || h.SHA256 == "" {
		return "", err
	}
	info, err := s.blobs.Stat(ctx, catalog.TextKey(d.SHA256))
	if err != nil || info.Size != h.Size {
		return "", nil // read from the start, which says what is wrong
	}
	return h.SHA256, nil
}

// readIndexed reads page at of d's text from the part before it to the
// part after it, where ix says they are in the blob, as scanPages reads
// them from the start; at past the last page or part is handled as
// readPage does.
func (s *Service) readIndexed(ctx context.Context, d *catalog.Document, at PageAt, ix *pageIndex) (*pageRead, error) {
	at.Page, at.Part = max(at.Page, 1), max(at.Part, 1)
	if at.Page > len(ix.pages) {
		at = PageAt{Page: 1, Part: 1}
	}
	page := ix.pages[at.Page-1]
	at.Part = min(at.Part, len(page.parts))
	n, k := at.Page, at.Part-1
	if k == 0 {
		if n > 1 {
			n--
			k = len(ix.pages[n-1].parts)
		} else {
			k = 1
		}
	}
	tp, err := ingest.OpenTextPagesAt(ctx, s.blobs, d.SHA256, ix.pages[n-1].parts[k-1], n)
	if err != nil {
		return nil, err
	}
	defer tp.Close()
	pr := &pageRead{budget: s.textBudget.Load()}
	var part []byte
	for {
		if part, err = tp.Chunk(part[:0], PartBytes); err != nil && err != io.EOF {
			return pr, err
		}
		ended := err == io.EOF
		if !ended || k == 1 { // an empty page is one empty part
			if kerr := pr.keep(n, k, at, part); kerr != nil {
				return pr, kerr
			}
			if n > at.Page || n == at.Page && k > at.Part {
				break // the part after the one shown is read
			}
		}
		if !ended {
			k++
			continue
		}
		// The page is over: on to the next while the one shown, or the
		// first part of the one after it, is still to read.
		if n > at.Page || !tp.Next() {
			break
		}
		n, k = tp.PageNumber(), 1
	}
	if err := tp.Err(); err != nil {
		return pr, err
	}
	pr.Count, pr.Parts, pr.Cut = len(ix.pages), len(page.parts), ix.cut
	if at.Part > 1 {
		pr.FirstLine = page.firstLine
	}
	if at.Page > 1 {
		pr.PrevParts = len(ix.pages[at.Page-2].parts)
	}
	return pr, nil
}
