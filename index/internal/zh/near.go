package zh

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// SegmentNear is Segment(seg, text, true) for the stretches of text where
// a phrase that begins with one of starts (words as Segment's terms are,
// folded, in lower case) can be found, and nothing else: marking a
// query's words on a long page cut all of it into words, a quarter of a
// second for a part of 256 KB, to find them in a few sentences.
//
// text is cut into words clause by clause (sentenceCuts): after a space,
// a line or page break, a 。 or a ， no word goes on, and the segmentation
// starts afresh, so a clause is cut as it is in the whole text. A stretch
// is the clauses in which a word of starts occurs (a word of Segment's
// ends in its clause). Positions go on from stretch to stretch with a
// gap, so that no phrase is found across text left out.
func SegmentNear(seg *gse.Segmenter, text []byte, starts []string) []Token {
	f, ft, at := foldJoined(text)
	low := lowerASCII(ft)
	cuts := sentenceCuts(ft)
	wanted := make([]bool, len(cuts)+1) // sentence i is ft[cuts[i-1]:cuts[i]]
	for _, w := range starts {
		if w == "" {
			continue
		}
		for off := 0; ; {
			i := bytes.Index(low[off:], []byte(w))
			if i < 0 {
				break
			}
			o := off + i
			wanted[sort.SearchInts(cuts, o+1)] = true // cuts[i-1] <= o < cuts[i]
			_, size := utf8.DecodeRune(low[o:])
			off = o + max(size, 1)
		}
	}
	var out []Token
	pos := 0
	for i := 0; i < len(wanted); {
		if !wanted[i] {
			i++
			continue
		}
		j := i
		for j < len(wanted) && wanted[j] {
			j++
		}
		from, to := sentenceStart(cuts, i, len(ft)), sentenceStart(cuts, j, len(ft))
		toks := segmentFolded(seg, ft[from:to], true)
		for _, tk := range toks {
			tk.Start, tk.End, tk.Position = tk.Start+from, tk.End+from, tk.Position+pos
			out = append(out, tk)
		}
		if len(toks) > 0 {
			pos = out[len(out)-1].Position + 2
		}
		i = j
	}
	return f.original(out, ft, at)
}

// sentenceCuts are the offsets in t just after each space, line or page
// break and mark that ends a sentence or a clause (。，、；：！？, brackets
// and quotes), where Segment's words always end: no word of the
// dictionary nor of the domain vocabulary holds one, and gse cuts a
// Latin word or a number at each.
func sentenceCuts(t []byte) []int {
	var cuts []int
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRune(t[i:])
		i += size
		if size == 1 && strings.IndexByte(cutBytes, byte(r)) >= 0 || size > 1 && strings.ContainsRune(cutRunes, r) {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

// cutBytes and cutRunes are the characters after which sentenceCuts cuts
// a folded text (full-width marks are half-width there).
const (
	cutBytes = " \t\r\n\f,;:!?()"
	cutRunes = "。、“”‘’《》「」『』【】〔〕"
)

// sentenceStart is where sentence i of a text of n bytes begins (n for
// i past the last).
func sentenceStart(cuts []int, i, n int) int {
	switch {
	case i == 0:
		return 0
	case i > len(cuts):
		return n
	}
	return cuts[i-1]
}
