package zh

import (
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// maxPieceBytes is the most text gse is given at once. gse segments a
// text as one shortest path over all of it, and holds for each of its
// characters a jump, a unit and, for most Chinese characters, a token of
// its own until the path is found: a page of 1 MB in one paragraph (a
// crafted DOCX of nested paragraphs, a table exported without breaks)
// kept some 100 MB of them live at once, beside the rest of Bleve's
// analysis (bench/README.md, "Long pages"). Pieces of 32 KB (some 10,000
// Chinese characters, a dozen pages) keep that to a piece's worth and
// leave every ordinary page whole.
const maxPieceBytes = 32 << 10

// pieceGuard is how far before the end of a piece cut inside a clause
// (segmentPieces) its last kept word must end: gse's words near an end it
// was given may differ from those it finds in the whole text, never those
// a few words before it. 256 bytes are 85 Chinese characters, longer than
// any word of the dictionary.
const pieceGuard = 256

// segmentPieces segments ft with gse piece by piece, at most maxPieceBytes
// at a time, and hands each piece's segments to each with the offset in
// ft that they are relative to, in order.
//
// A text of at most maxPieceBytes is one piece. A longer one is cut after
// the last mark that ends a sentence or a clause (sentenceCuts' marks) in
// the second half of a piece: no word of the dictionary holds one, so
// every path gse may take goes through it, and the words either side are
// those of the whole text. A clause longer than a piece (a run without
// punctuation) is cut where a word ends: gse segments a piece of it, the
// words ending within pieceGuard of the piece's end are given back, and
// the next piece starts where the last word kept ends. No word is ever
// cut by the piece's bound, so the words of the text are the words of
// its pieces, and a phrase across a bound is found as anywhere else.
func segmentPieces(seg *gse.Segmenter, ft []byte, each func(base int, segs []gse.Segment)) {
	for start := 0; start < len(ft); {
		if len(ft)-start <= maxPieceBytes {
			each(start, seg.Segment(ft[start:]))
			return
		}
		if end := clauseEnd(ft, start+maxPieceBytes/2, start+maxPieceBytes); end > 0 {
			each(start, seg.Segment(ft[start:end]))
			start = end
			continue
		}
		piece := ft[start:runeStart(ft, start+maxPieceBytes)]
		segs := seg.Segment(piece)
		keep := len(segs)
		for keep > 1 && segs[keep-1].End() > len(piece)-pieceGuard {
			keep--
		}
		each(start, segs[:keep])
		start += segs[keep-1].End()
	}
}

// clauseEnd is the offset in t just after the last mark that ends a
// sentence or a clause (isClauseEnd) in t[from:to], or -1 when there is
// none.
func clauseEnd(t []byte, from, to int) int {
	for i := runeStart(t, to); i > from; {
		r, size := utf8.DecodeLastRune(t[:i])
		if isClauseEnd(r, size) {
			return i
		}
		i -= size
	}
	return -1
}

// isClauseEnd reports whether r (size bytes in UTF-8) is one of the marks
// after which sentenceCuts cuts.
func isClauseEnd(r rune, size int) bool {
	if size == 1 {
		return strings.IndexByte(cutBytes, byte(r)) >= 0
	}
	return strings.ContainsRune(cutRunes, r)
}

// runeStart is i, or the start of the character i falls inside of.
func runeStart(t []byte, i int) int {
	if i >= len(t) {
		return len(t)
	}
	for i > 0 && !utf8.RuneStart(t[i]) {
		i--
	}
	return i
}

// PieceStarts are the offsets in text, folded (Fold) and without breaks
// inside a sentence, at which Segment hands gse a new piece, after the
// first: where a test looks for phrases across a piece's bound.
func PieceStarts(text []byte) ([]int, error) {
	seg, err := Segmenter()
	if err != nil {
		return nil, err
	}
	_, ft, _ := foldJoined(text)
	var starts []int
	segmentPieces(seg, ft, func(base int, _ []gse.Segment) {
		if base > 0 {
			starts = append(starts, base)
		}
	})
	return starts, nil
}
