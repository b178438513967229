package ingest

import (
	"container/list"
	"context"
	"slices"
	"sync"

	"github.com/lcmonitor/evidence/neardup"
)

// DefaultSetCacheMemory is how many bytes of shingle sets the pipeline
// keeps of the long texts it read (Config.SetCacheMemory unless set):
// the sets of a dozen varied reports of 2 MB (about 5 MB each), or of
// many more versions of a report repeating itself.
const DefaultSetCacheMemory = 96 << 20

// minCachedText is the smallest stored text, in bytes, whose set is
// kept: a shorter one is read and compared in well under a millisecond,
// and thousands of small sets would push out the few long ones that cost.
const minCachedText = 32 << 10

// setCache keeps the shingle sets of long texts the pipeline read, so
// that a new version of a long report compares with its earlier versions
// by a merge of two sorted sets (neardup.SetSimilarity, the same
// similarity) instead of reading, decoding and shingling each of their
// stored texts again: every upload of a report revised many times read
// up to maxNearDuplicateCandidates texts of megabytes (32 versions of
// 2 MB: 105 s of CPU, bench/README.md, session 50).
//
// A set is kept under the SHA-256 of the stored text blob it was made
// from, and is a function of those bytes alone (the shingles of all its
// pages, and whether it was read by OCR); it is looked up under the hash
// the catalog records for the candidate's text now (TextHashesOf). A text
// rewritten since (evidence repair, a re-read of fields or by OCR, an
// upload replacing the original, a write by another node sharing the
// catalog) has another hash, and is read as before; a deleted document is
// no candidate. So a set is never compared in place of a text that is no
// longer the one stored, whoever wrote it, and the cache needs no
// invalidation. It is bounded by the bytes of its sets, the least
// recently used let go first. The text is still read for the rare pair
// that must be aligned for OCR, and for a candidate whose text has no
// recorded hash.
type setCache struct {
	mu      sync.Mutex
	max     int64
	size    int64
	entries map[string]*list.Element // of *cachedSet, by the text's SHA-256
	lru     list.List                // most recently used first
}

// cachedSet is one kept set and its text's hash.
type cachedSet struct {
	text  string
	kept  keptSet
	bytes int64
}

// newSetCache returns a cache of up to max bytes of sets; nil (keeping
// nothing) when max is not positive.
func newSetCache(max int64) *setCache {
	if max <= 0 {
		return nil
	}
	return &setCache{max: max, entries: map[string]*list.Element{}}
}

// get returns the set kept for the stored text with SHA-256 text.
func (c *setCache) get(text string) (keptSet, bool) {
	if c == nil {
		return keptSet{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[text]
	if !ok {
		return keptSet{}, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cachedSet).kept, true
}

// empty says whether nothing is kept, so that the catalog is not asked
// for hashes no set could match.
func (c *setCache) empty() bool {
	if c == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len() == 0
}

// put keeps set, the shingles of all the pages of the stored text with
// SHA-256 text, read by OCR when ocr is set, letting the least recently
// used go to stay within c.max. The set is not changed afterwards, by
// the cache or its callers.
func (c *setCache) put(text string, set neardup.Set, ocr bool) {
	if c == nil || text == "" || len(set) == 0 {
		return
	}
	set, bytes := compactSet(set)
	if bytes > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[text]; ok {
		c.lru.MoveToFront(e)
		return
	}
	for c.size+bytes > c.max {
		old := c.lru.Remove(c.lru.Back()).(*cachedSet)
		delete(c.entries, old.text)
		c.size -= old.bytes
	}
	c.entries[text] = c.lru.PushFront(&cachedSet{text: text, kept: keptSet{set: set, ocr: ocr}, bytes: bytes})
	c.size += bytes
}

// compareKept compares the held texts of each of reads with the set kept
// of its stored text, where the catalog's record of that text names one
// (TextHashesOf), and returns the reads left to make: those with no set
// kept, and those with a pair that must be aligned. A read compared here
// has its similarities. Asking the catalog failed, every read is left.
func (s *Service) compareKept(ctx context.Context, reads []*textRead) []*textRead {
	if s.sets.empty() || len(reads) == 0 {
		return reads
	}
	shas := make([]string, len(reads))
	for i, r := range reads {
		shas[i] = r.sha
	}
	hashes, err := s.cat.TextHashesOf(ctx, shas)
	if err != nil {
		s.log.Warn("near duplicates: the recorded text hashes could not be read; the candidates' texts are read", "err", err)
		return reads
	}
	left := reads[:0:0]
	for _, r := range reads {
		h, ok := hashes[r.sha]
		var k keptSet
		if ok {
			k, ok = s.sets.get(h.SHA256)
		}
		if !ok || !compareWithKept(r, k) {
			left = append(left, r)
		}
	}
	return left
}

// compareWithKept sets r's similarities from k, the set of its stored
// text, unless a pair must be aligned (false: r is to be read).
func compareWithKept(r *textRead, k keptSet) bool {
	sims := make([]float64, len(r.held))
	for i, h := range r.held {
		sim, ok := neardup.SetSimilarity(h.Set, k.set, h.OCR, k.ocr)
		if !ok {
			return false
		}
		sims[i] = sim
	}
	r.sims = sims
	return true
}

// compactSet is set as a cache keeps it, and the bytes it holds: Shingles
// sizes a set for every shingle, most of them repeats in a repetitive
// text, so one with much room to spare is copied to its length.
func compactSet(set neardup.Set) (neardup.Set, int64) {
	if cap(set) > len(set)+len(set)/8 {
		set = slices.Clone(set)
	}
	return set, int64(cap(set)) * 8
}
