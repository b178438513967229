package index

import (
	"unicode"
	"unicode/utf8"
)

// MaxIndexedChars is the most characters (whitespace not counted) of one
// document that go into the index; the text after them is stored, shown
// and checked against quotes, but search does not find it. Bleve analyses
// a document whole before it writes it, at about 0.7–1 KB of memory per
// character (a 2 MB text of Chinese prose held 470 MiB, 2 MB of table
// separators 990 MiB), so without a bound one text file of a few
// megabytes took the server past 4 GB. Half a million characters are
// some 250 pages of dense Chinese.
const MaxIndexedChars = 500_000

// indexedChars is MaxIndexedChars, lowered by tests.
var indexedChars = MaxIndexedChars

// LowerIndexedCharsForTests makes the index take only the first n
// characters of a document until restore is called, so that tests of
// other packages can cut a document of a few lines instead of indexing
// half a million characters (some 400 MB of analysis). Only tests call
// it, before the index and the pipeline start and after they stop: the
// bound is not guarded against concurrent change.
func LowerIndexedCharsForTests(n int) (restore func()) {
	old := indexedChars
	indexedChars = n
	return func() { indexedChars = old }
}

// IndexCut says where a document's text leaves the index: Page is the
// 1-based page on which indexing stops, partway (0 when the whole text is
// indexed).
type IndexCut struct {
	Page int
}

// indexedText is text (pages joined by PageSeparator) cut after its
// indexedChars-th character: a prefix, so offsets in it are offsets in
// the whole text; cut says whether it is shorter than text.
func indexedText(text string) (indexed string, cut bool) {
	if end, _, c := cutAt(text, indexedChars); c.Page > 0 {
		return text[:end], true
	}
	return text, false
}

// cutMark is the value of fieldCut.
const cutMark = "1"

// CutOf says where the text of pages leaves the index. It reads no
// further than the cut: a page view of a 60 MB text costs what one of
// 1.5 MB does.
func CutOf(pages []string) IndexCut { return cutOf(pages, indexedChars) }

func cutOf(pages []string, max int) IndexCut {
	left := max
	for i, p := range pages {
		_, n, cut := cutAt(p, left)
		if cut.Page > 0 {
			return IndexCut{Page: i + 1}
		}
		left -= n
	}
	return IndexCut{}
}

// cutAt returns the byte offset in text just before its (max+1)-th
// character that is not whitespace, the characters counted up to there,
// and the page (counted by PageSeparator, from 1) of that offset; the cut
// is zero when text has no more than max such characters.
func cutAt(text string, max int) (int, int, IndexCut) {
	n, page := 0, 1
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == PageSeparator[0]:
				page++
			case asciiSpace[c] == 0:
				if n++; n > max {
					return i, n, IndexCut{Page: page}
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			if n++; n > max {
				return i, n, IndexCut{Page: page}
			}
		}
		i += size
	}
	return len(text), n, IndexCut{}
}

var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// CutCounter finds where a text read part by part, page after page,
// leaves the index, for a reader that never holds the text whole (a page
// of a 40 MB text served from its stored blob). It counts as CutOf does.
type CutCounter struct {
	left int
	page int
	cut  IndexCut
}

// NewCutCounter returns a counter at the start of a text.
func NewCutCounter() *CutCounter { return &CutCounter{left: indexedChars} }

// Add counts part, the next part of page (from 1): the parts of a page in
// order, the pages in order. It returns the offset in part of the first
// character the index leaves out, when it is in part; else -1.
func (c *CutCounter) Add(page int, part []byte) int {
	if c.cut.Page > 0 {
		return -1
	}
	c.page = page
	for i := 0; i < len(part); {
		r, size := rune(part[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(part[i:])
		}
		if r < utf8.RuneSelf && asciiSpace[r] != 0 || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			i += size
			continue
		}
		if c.left--; c.left < 0 {
			c.cut = IndexCut{Page: page}
			return i
		}
		i += size
	}
	return -1
}

// Found reports whether the cut is known: the text left the index in
// what was added so far, so the rest need not be counted.
func (c *CutCounter) Found() bool { return c.cut.Page > 0 }

// Cut is where the text added so far leaves the index (zero when all of
// it is indexed).
func (c *CutCounter) Cut() IndexCut { return c.cut }
