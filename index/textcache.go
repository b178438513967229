package index

import (
	"container/list"
	"sync"
)

// textCache keeps the text of recent hits as inflateText gave it, by the
// stored value it came from, so that a document found again is not
// inflated and decoded again. A search reads the text of its page of
// hits every time its result is not kept (resultCache forgets every
// result at each write, about once a second during a bulk upload), and
// the same documents come back search after search: inflating them was
// a third of reading a page's text under load (session 45).
//
// The key is the stored value itself, compressed (about half the text),
// so a document indexed again with other text is a new entry and an old
// text is never shown for it; the stale one ages out. The cache is
// bounded by the bytes of its keys and texts, least recently used out
// first; a text larger than textCacheMaxEntry is not kept.
type textCache struct {
	mu      sync.Mutex
	entries map[string]*list.Element // of *cachedText
	lru     list.List                // most recently used first
	bytes   int
	hits    uint64
	misses  uint64
}

type cachedText struct {
	stored, text string
}

// Bounds of the text cache: texts can be megabytes, so bytes bound it.
const (
	textCacheBytes    = 16 << 20
	textCacheMaxEntry = 2 << 20
)

// size is what an entry holds: its key, its text and their bookkeeping.
func (e *cachedText) size() int {
	return len(e.stored) + len(e.text) + 128
}

// text returns inflateText(stored), kept or inflated now and kept.
func (c *textCache) text(stored string) (string, error) {
	c.mu.Lock()
	if el, ok := c.entries[stored]; ok {
		c.lru.MoveToFront(el)
		c.hits++
		c.mu.Unlock()
		return el.Value.(*cachedText).text, nil
	}
	c.misses++
	c.mu.Unlock()
	text, err := inflateText(stored)
	if err != nil {
		return "", err
	}
	c.keep(&cachedText{stored: stored, text: text})
	return text, nil
}

// keep adds e, making room by dropping the least recently used.
func (c *textCache) keep(e *cachedText) {
	size := e.size()
	if size > textCacheMaxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[e.stored]; ok {
		return // inflated by another search meanwhile
	}
	for c.bytes+size > textCacheBytes && c.lru.Len() > 0 {
		old := c.lru.Remove(c.lru.Back()).(*cachedText)
		delete(c.entries, old.stored)
		c.bytes -= old.size()
	}
	if c.entries == nil {
		c.entries = map[string]*list.Element{}
	}
	c.entries[e.stored] = c.lru.PushFront(e)
	c.bytes += size
}
