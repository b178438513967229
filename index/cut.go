package index

import (
	"strings"
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

// IndexCut says where a document's text leaves the index: Page is the
// 1-based page on which indexing stops (0 when the whole text is indexed)
// and Chars the characters, whitespace not counted, of the whole text.
type IndexCut struct {
	Page  int
	Chars int
}

// indexedText is text (pages joined by PageSeparator) cut after its
// MaxIndexedChars-th character: a prefix, so offsets in it are offsets in
// the whole text.
func indexedText(text string) string {
	end, _ := cutAt(text, indexedChars)
	return text[:end]
}

// CutOf says where the text of pages leaves the index.
func CutOf(pages []string) IndexCut {
	_, cut := cutAt(strings.Join(pages, PageSeparator), indexedChars)
	return cut
}

// cutAt returns the byte offset in text just after its max-th character
// that is not whitespace (len(text) when it has no more), and the cut:
// the page of that offset when the text goes on past it, and all the
// characters of the text.
func cutAt(text string, max int) (int, IndexCut) {
	end, chars, page, cut := len(text), 0, 1, IndexCut{}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case text[i] == PageSeparator[0]:
			page++
		case !unicode.IsSpace(r):
			chars++
			if chars == max+1 {
				end, cut.Page = i, page
			}
		}
		i += size
	}
	cut.Chars = chars
	return end, cut
}
