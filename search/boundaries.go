package search

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index"
)

// Where a fragment may begin and end. A fragment is cut at a clause: it
// begins after a punctuation mark (or at the start of the page) and, when it
// is shortened, ends just after one. Only when no mark is near does it cut
// elsewhere, and then between two words that are not part of a number with
// its unit or a 文号, so "…0万人" and "…政发〔2015〕58号" (without 甬) never show.

// clauseSlack is how far, in characters, a cut may move from where the
// fragment's length would put it to reach a punctuation mark.
const clauseSlack = 40

// isClauseMark reports the punctuation a clause ends with. ',', ':' and '.'
// between digits belong to a number (1,234; 10:30; 12.3) and are no marks;
// '.' is a mark only at the end of Latin sentences, which are rare here,
// so it is left out.
func isClauseMark(text string, i int) bool {
	r, n := utf8.DecodeRuneInString(text[i:])
	switch r {
	case '。', '！', '？', '；', '，', '、', '：', '!', '?', ';', '\n', '…':
		return true
	case ',', ':':
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+n:])
		return !(isASCIIDigit(prev) && isASCIIDigit(next))
	}
	return false
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// afterMarks returns the offsets just after each clause mark in text[lo:hi],
// plus lo itself when lo is the start of the page.
func afterMarks(text string, lo, hi int) []int {
	var out []int
	if lo == 0 {
		out = append(out, 0)
	}
	for i := lo; i < hi; {
		_, n := utf8.DecodeRuneInString(text[i:])
		if isClauseMark(text, i) && !(text[i] == '\n' && inDocNumber(text, i)) {
			out = append(out, i+n)
		}
		i += n
	}
	return out
}

// inDocNumber reports whether the byte at i of text is inside a 文号
// (docNumberText): a line break there, as a PDF's line wrap leaves in
// 杭教发(2018)\n12号, is no clause's end, and a fragment cut at it would
// show the 文号 in half.
func inDocNumber(text string, i int) bool {
	lo, hi := backRunes(text, i, docNumberRunes), forwardRunes(text, i, docNumberRunes)
	// Every 文号 ends in 号: a window without one is answered without the
	// regexp, which took 2 % of the server's CPU under make load when run
	// at every line break of every fragment's window.
	if !strings.Contains(text[lo:hi], "号") {
		return false
	}
	for _, sp := range docNumberText.FindAllStringIndex(text[lo:hi], -1) {
		if lo+sp[0] < i && i < lo+sp[1] {
			return true
		}
	}
	return false
}

// docNumberText is a 文号 with the issuer's abbreviation before it, in any
// bracket, with the whitespace OCR, Word files and line wraps leave inside
// it (甬政发〔2015〕58号, 浙政发 [2019] 5号, 杭教发(2018)\n12号), and
// docNumberRunes the most characters either side of one of its
// characters that such a 文号 takes, spaces but for a few left out.
var docNumberText = regexp.MustCompile(`\p{Han}{0,8}[ \t\n]*[〔\[(（【][ \t\n]*\d{4}[ \t\n]*[〕\])）】][ \t\n]*\d+[ \t\n]*号`)

const docNumberRunes = 32

// protected matches what a cut must not fall inside: a 文号 with the
// issuer's abbreviation before it (甬政发〔2015〕58号, with any bracket and
// whitespace inside: docNumberText), and
// a number with its decimal or thousands separators, a percent sign and
// the two characters after it, which hold its unit (12.3万人次, 342场,
// 1,234期次).
var protected = regexp.MustCompile(docNumberText.String() + `|\d+(?:[.,:]\d+)*[%‰]?[万亿千百]?\p{Han}{0,2}`)

// safeCuts returns the offsets in [lo, hi] at which text may be cut when no
// clause mark is near: word boundaries outside protected spans.
func safeCuts(text string, lo, hi int) []int {
	bounds, err := index.WordBounds(text)
	if err != nil {
		return nil
	}
	spans := protected.FindAllStringIndex(text, -1)
	var out []int
	for _, b := range bounds {
		if b < lo || b > hi {
			continue
		}
		inside := false
		for _, sp := range spans {
			if sp[0] < b && b < sp[1] {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, b)
		}
	}
	return out
}

// nearest returns the offset of cands closest to target in characters, or
// -1 when there is none.
func nearest(text string, cands []int, target int) int {
	best, bestDist := -1, 0
	for _, c := range cands {
		lo, hi := min(c, target), max(c, target)
		d := utf8.RuneCountInString(text[lo:hi])
		if best < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// fragmentStart is where a fragment showing a match at matchStart begins:
// after the punctuation mark nearest to contextBefore characters before the
// match, within clauseSlack more; else at a safe cut; else at the match.
func fragmentStart(text string, matchStart int) int {
	target := backRunes(text, matchStart, contextBefore)
	lo := backRunes(text, matchStart, contextBefore+clauseSlack)
	if p := nearest(text, afterMarks(text, lo, matchStart), target); p >= 0 {
		return p
	}
	if p := nearest(text, safeCuts(text, lo, matchStart), target); p >= 0 {
		return p
	}
	return matchStart
}

// fragmentEnd is where a fragment beginning at start ends: at the end of
// the page when it is within clauseSlack characters of fragmentLength,
// else just after the punctuation mark nearest to fragmentLength characters
// (and after minEnd, the end of the first match), within clauseSlack
// either way; else at a safe cut.
func fragmentEnd(text string, start, minEnd int) int {
	target := max(forwardRunes(text, start, fragmentLength), minEnd)
	hi := forwardRunes(text, target, clauseSlack)
	if hi == len(text) {
		return len(text)
	}
	lo := max(minEnd, backRunes(text, target, clauseSlack))
	var marks []int
	for _, m := range afterMarks(text, lo, hi) {
		if m > minEnd {
			marks = append(marks, m)
		}
	}
	if p := nearest(text, marks, target); p >= 0 {
		return p
	}
	if p := nearest(text, safeCuts(text, max(lo, minEnd+1), hi), target); p > minEnd {
		return p
	}
	return target
}
