package documents

import (
	"container/list"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// pageIndex is where the pages of a stored text, and each part of a long
// page, begin in its blob (ingest.TextPages.Offset), with what a page
// view needs of the rest of the text: the count of pages and parts, the
// first line of a page of several parts and the index cut. With it a view
// reads from the part before the one shown to the part after, not the
// text from its start (a 3.3 MB text took some 15 ms a view to decode).
//
// It holds where every stride-th page begins: every page (stride 1),
// unless the text has more pages than maxIndexOffsets, when the stride
// doubles as often as needed (a text of a page a byte: a view reads on
// from the page before it that is held, stride pages at most, not the
// text from its start); and where each part of a page of several parts
// begins, which are few (one each PartBytes of the text).
type pageIndex struct {
	pages  int
	stride int
	// pageOffs[i] is where page i*stride+1 begins.
	pageOffs []int64
	// multi holds where each part of a page of several parts begins, by
	// page; firstLines the first line of each such page.
	multi      map[int32][]int64
	firstLines map[int32]string
	cut        index.IndexCut
	extractor  string
	// version is the blob's (blob.Info.Version) the offsets are of: a
	// reading by them asks the store for that version alone.
	version string
	// firstPart is the start of the page being indexed, for its first
	// line; firstOff where it begins.
	firstPart []byte
	firstOff  int64
	// over says not even one offset in maxIndexOffsets would hold the
	// text's long pages: its index is not kept.
	over bool
	// offsets is how many offsets and first lines it holds (weight).
	offsets int
}

// maxIndexOffsets is the most offsets one text's index holds (8 bytes
// each: 8 MB); a text with more pages is indexed sparsely.
// indexedOffsets is the most all kept indexes hold together.
var (
	maxIndexOffsets = 1 << 20
	indexedOffsets  = 4 << 20
)

// add notes that part k of page n begins at off in the blob.
func (ix *pageIndex) add(n, k int, off int64) {
	if ix.over {
		return
	}
	if ix.stride == 0 {
		ix.stride = 1
	}
	ix.pages = max(ix.pages, n)
	switch {
	case k == 1:
		ix.firstOff = off
		if (n-1)%ix.stride == 0 {
			ix.pageOffs = append(ix.pageOffs, off)
			ix.offsets++
		}
	case k == 2:
		if ix.multi == nil {
			ix.multi = map[int32][]int64{}
		}
		ix.multi[int32(n)] = []int64{ix.firstOff, off}
		ix.offsets += 2
	default:
		ix.multi[int32(n)] = append(ix.multi[int32(n)], off)
		ix.offsets++
	}
	for ix.offsets > maxIndexOffsets {
		if len(ix.pageOffs) < 2 {
			ix.over = true
			ix.pageOffs, ix.multi, ix.firstLines, ix.offsets = nil, nil, nil, 0
			return
		}
		ix.thin()
	}
}

// thin doubles the stride, keeping where every other page held begins.
func (ix *pageIndex) thin() {
	kept := ix.pageOffs[:0]
	for i := 0; i < len(ix.pageOffs); i += 2 {
		kept = append(kept, ix.pageOffs[i])
	}
	ix.offsets -= len(ix.pageOffs) - len(kept)
	ix.pageOffs = slices.Clip(kept)
	ix.stride *= 2
}

// setFirstLine notes the first line of page n, of several parts.
func (ix *pageIndex) setFirstLine(n int, line string) {
	if ix.over {
		return
	}
	if ix.firstLines == nil {
		ix.firstLines = map[int32]string{}
	}
	ix.firstLines[int32(n)] = line
	ix.offsets++
}

// pageCount is how many pages the text has.
func (ix *pageIndex) pageCount() int {
	if ix.over {
		return 0
	}
	return ix.pages
}

// partCount is how many parts page n has.
func (ix *pageIndex) partCount(n int) int {
	if parts, ok := ix.multi[int32(n)]; ok {
		return len(parts)
	}
	return 1
}

// from is the place held at or before part k of page n where a reading
// of it begins: where that part begins, or a page or part before it.
func (ix *pageIndex) from(n, k int) (off int64, page, part int) {
	if parts, ok := ix.multi[int32(n)]; ok {
		return parts[k-1], n, k
	}
	i := (n - 1) / ix.stride
	held := i*ix.stride + 1
	for m := n - 1; m >= held; m-- {
		// A long page between: read on from its last part.
		if parts, ok := ix.multi[int32(m)]; ok {
			return parts[len(parts)-1], m, len(parts)
		}
	}
	return ix.pageOffs[i], held, 1
}

// end is where part k of page n ends in the blob, or a place held after
// it: a reading of it need not go further. -1 is the blob's end.
func (ix *pageIndex) end(n, k int) int64 {
	if k < ix.partCount(n) {
		return ix.multi[int32(n)][k]
	}
	n++
	if n > ix.pages {
		return -1
	}
	i := (n - 1 + ix.stride - 1) / ix.stride // the first page held from n on
	if len(ix.multi) > 0 {
		// A long page before it (not held in pageOffs) ends the reading
		// sooner: viewing a page must not ask for a 10 MB one after.
		for m := n; m <= min(i*ix.stride, ix.pages); m++ {
			if parts, ok := ix.multi[int32(m)]; ok {
				return parts[0]
			}
		}
	}
	if i >= len(ix.pageOffs) {
		return -1
	}
	return ix.pageOffs[i]
}

// next is the part after part k of page n; false after the last.
func (ix *pageIndex) next(n, k int) (int, int, bool) {
	if k < ix.partCount(n) {
		return n, k + 1, true
	}
	return n + 1, 1, n < ix.pages
}

// firstLine is the first line of page n when it has several parts.
func (ix *pageIndex) firstLine(n int) string { return ix.firstLines[int32(n)] }

// weight is how many offsets ix holds, what pageIndexes bounds.
func (ix *pageIndex) weight() int { return ix.offsets }

// pageIndexes keeps the page indexes of the texts whose pages were shown
// last, by the SHA-256 of their blob as written (catalog.TextHash): a text
// read anew is indexed anew. It keeps at most indexedTexts of them, and
// indexedOffsets offsets in all.
type pageIndexes struct {
	mu      sync.Mutex
	order   *list.List // of *pageIndexEntry, the most recently used first
	entries map[string]*list.Element
	// byText is the key of the index kept of each original's text: one
	// text written again is named anew (pageIndexKey), and the index of
	// what it was is of no more use.
	byText map[string]string
	weight int // of the indexes kept
}

type pageIndexEntry struct {
	key, text string
	ix        *pageIndex
}

// indexedTexts is how many texts' page indexes are kept at most.
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

// put keeps ix for key, the text of the original with SHA-256 text,
// unless it was left unfinished (over), dropping an index of what the
// text was before, and those used least recently while there are too
// many or they weigh too much.
func (c *pageIndexes) put(key, text string, ix *pageIndex) {
	if ix.over || ix.weight() > indexedOffsets {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries, c.byText, c.order = map[string]*list.Element{}, map[string]string{}, list.New()
	}
	c.forgetStaleLocked(key, text)
	if e, ok := c.entries[key]; ok {
		entry := e.Value.(*pageIndexEntry)
		c.weight += ix.weight() - entry.ix.weight()
		entry.ix = ix
		c.order.MoveToFront(e)
	} else {
		c.entries[key] = c.order.PushFront(&pageIndexEntry{key: key, text: text, ix: ix})
		c.byText[text] = key
		c.weight += ix.weight()
	}
	for c.order.Len() > indexedTexts || c.weight > indexedOffsets {
		c.removeLocked(c.order.Back())
	}
}

// forgetStale drops the index kept of the original's text under another
// key than key, its name now: the text was written again since.
func (c *pageIndexes) forgetStale(key, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forgetStaleLocked(key, text)
}

func (c *pageIndexes) forgetStaleLocked(key, text string) {
	if old, ok := c.byText[text]; ok && old != key {
		c.removeLocked(c.entries[old])
	}
}

// drop forgets key's index.
func (c *pageIndexes) drop(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		c.removeLocked(e)
	}
}

func (c *pageIndexes) removeLocked(e *list.Element) {
	entry := e.Value.(*pageIndexEntry)
	c.order.Remove(e)
	delete(c.entries, entry.key)
	if c.byText[entry.text] == entry.key {
		delete(c.byText, entry.text)
	}
	c.weight -= entry.ix.weight()
}

// kept is how many indexes are kept and their weight.
func (c *pageIndexes) kept() (texts, weight int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.weight
}

// pageIndexKey names d's stored text for what is kept of it (its page
// index, its suggestions): its recorded hash, when the blob is of the
// recorded size; "orig:" with the original's SHA-256 and the blob's size
// for a text whose hash was never recorded (stored before migration 011:
// a repair records it, which names it anew); else "" (a damaged text:
// read from its start, which says what is wrong). Either is followed by
// the blob's version (blob.Info.Version), so a text written again is
// named anew even when its hash is not recorded (yet, or at all) and its
// size is the same: an index of the old text is never read with the new.
func (s *Service) pageIndexKey(ctx context.Context, d *catalog.Document) (string, error) {
	h, err := s.textHash(ctx, d)
	if err != nil {
		return "", err
	}
	info, err := s.blobs.Stat(ctx, catalog.TextKey(d.SHA256))
	switch {
	case err != nil:
		return "", nil // read from the start, which says what is wrong
	case h.SHA256 == "":
		return "orig:" + d.SHA256 + ":" + strconv.FormatInt(info.Size, 10) + ":" + info.Version, nil
	case info.Size != h.Size:
		return "", nil
	}
	return h.SHA256 + ":" + info.Version, nil
}

// keyVersion is the blob version a pageIndexKey ends with (no version
// has a colon: the folder's is base-36 digits and an inode, S3's an ETag).
func keyVersion(key string) string {
	return key[strings.LastIndexByte(key, ':')+1:]
}

// readIndexed reads page at of d's text from the part before it to the
// part after it, where ix says they are in the blob, as scanPages reads
// them from the start; at past the last page or part is handled as
// readPage does.
func (s *Service) readIndexed(ctx context.Context, d *catalog.Document, at PageAt, ix *pageIndex) (*pageRead, error) {
	at.Page, at.Part = max(at.Page, 1), max(at.Part, 1)
	if at.Page > ix.pageCount() {
		at = PageAt{Page: 1, Part: 1}
	}
	parts := ix.partCount(at.Page)
	at.Part = min(at.Part, parts)
	n, k := at.Page, at.Part-1
	if k == 0 {
		if n > 1 {
			n--
			k = ix.partCount(n)
		} else {
			k = 1
		}
	}
	// Read from the part before the one shown (or a place held before it)
	// to the one after it.
	end := int64(-1)
	if an, ak, ok := ix.next(at.Page, at.Part); ok {
		end = ix.end(an, ak)
	}
	off, n, k := ix.from(n, k)
	tp, err := ingest.OpenTextPagesAt(ctx, s.blobs, d.SHA256, off, end, n, ix.version)
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
	pr.Count, pr.Parts, pr.Cut = ix.pageCount(), parts, ix.cut
	if at.Part > 1 {
		pr.FirstLine = ix.firstLine(at.Page)
	}
	if at.Page > 1 {
		pr.PrevParts = ix.partCount(at.Page - 1)
	}
	return pr, nil
}
