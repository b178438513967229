package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// Normalize returns the canonical form of one page of text. The index takes
// its offsets on this form, so it is deterministic and idempotent:
// Normalize(Normalize(s)) == Normalize(s).
//
//   - Full-width ASCII forms become half-width ("２０１７年" → "2017年",
//     "，" → ","), U+3000 and other Unicode spaces become ' '.
//   - CJK radicals become the ideographs they are forms of ("⼈⺠" →
//     "人民"): fonts map their glyphs to either, and PDFs printed from
//     browsers (Type 3 fonts) and some OFD producers write the radicals,
//     which no one types into a search box.
//   - CRLF, CR, '\f', '\v' and the Unicode line separators become '\n';
//     other control characters and the characters that show nothing
//     (catalog.IsInvisible: zero-width spaces, soft hyphens, BOMs,
//     direction marks) are dropped; invalid UTF-8 becomes U+FFFD.
//   - A whitespace run between two CJK characters (Han, CJK punctuation)
//     or between a CJK character and an ASCII letter or digit is removed,
//     because PDFs put spaces around digits and break lines inside phrases
//     ("共举办 342 场" → "共举办342场", "学分\n银行" → "学分银行"). So is a run
//     after an opening CJK bracket or before a closing CJK punctuation mark
//     ("〔\n2016\n〕" → "〔2016〕"), and around ',', '(', ')' and curly quotes
//     whose other side is CJK (these are folded from "，（）").
//   - A run is kept when it contains an empty line (a paragraph break; the
//     PDF extractor never produces one inside a phrase), and a line break
//     after "。" is kept, and one between a heading and a line that starts
//     with a figure, or between figures and a heading (headingBreak:
//     "二、主要指标\n2023年").
//   - Kept runs become "\n\n" (two or more line breaks), "\n" (one) or " ".
//     Leading and trailing whitespace is trimmed.
func Normalize(s string) string {
	s = prepare(s)
	// One pass decides each whitespace run from its neighbours; removing a
	// run can change the neighbourhood of the next one (a ',' gains a Han
	// neighbour), so repeat until nothing changes. Passes only ever remove
	// runs, so this ends after at most one pass per run and usually after
	// the second pass.
	for {
		next := joinRuns(s)
		if next == s {
			return s
		}
		s = next
	}
}

// prepare folds widths, unifies line breaks and drops invisible characters.
func prepare(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // the '\n' follows
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte('\t')
		case isInvisible(r):
			// dropped
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			// Widths folded, radicals read as their ideographs: the one
			// fold fields.Unfold matches titles by.
			b.WriteRune(catalog.FoldRune(r))
		}
	}
	return b.String()
}

// isInvisible reports control characters and the characters that show
// nothing (catalog.IsInvisible: zero-width spaces, soft hyphens, BOMs,
// direction marks), which carry no text and would hide a Han neighbour
// from joinRuns.
func isInvisible(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || catalog.IsInvisible(r)
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

// joinRuns is one pass over prepared text: it copies non-space runes and
// replaces each whitespace run by "", " ", "\n" or "\n\n".
func joinRuns(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev, prev2 rune = -1, -1 // last two runes written, -1 if none
	lineStart := 0                // where the line being written starts in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			b.WriteString(s[i : i+size])
			prev2, prev = prev, r
			i += size
			continue
		}
		j, newlines := i, 0
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if !isSpace(c) {
				break
			}
			if c == '\n' {
				newlines++
			}
			j += n
		}
		if prev >= 0 && j < len(s) { // leading and trailing runs are trimmed
			next, n := utf8.DecodeRuneInString(s[j:])
			// The context of a run looks through other whitespace: in
			// "银行\n,\n推进" the ',' sits between 行 and 推.
			next2 := rune(-1)
			for k := j + n; k < len(s); {
				c, size := utf8.DecodeRuneInString(s[k:])
				if !isSpace(c) {
					next2 = c
					break
				}
				k += size
			}
			run := runReplacement(prev2, prev, next, next2, newlines)
			if newlines == 1 && run != "\n" && headingBreak(b.String()[lineStart:], nextLine(s[j:])) {
				run = "\n"
			}
			b.WriteString(run)
			if strings.Contains(run, "\n") {
				lineStart = b.Len()
			}
		}
		i = j
	}
	return b.String()
}

// nextLine is s up to its first line break.
func nextLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// runReplacement decides what a whitespace run with the given number of line
// breaks becomes, given the two runes before it (l2, l) and after it (r, r2).
func runReplacement(l2, l, r, r2 rune, newlines int) string {
	keep := func() string {
		switch {
		case newlines >= 2:
			return "\n\n"
		case newlines == 1:
			return "\n"
		}
		return " "
	}
	switch {
	case newlines >= 2:
		return keep() // paragraph break
	case isOpeningCJK(l) || isClosingCJK(r):
		return ""
	case l == '。' && newlines == 1 && r != '”' && r != '’':
		return keep() // end of a sentence at the end of a line
	}
	// A folded "，" or "（" is Chinese punctuation when one side is CJK and
	// the other CJK or an ASCII letter or digit ("民生\n,2017年").
	lc := isCJK(l) || (isContextPunct(l) && (isCJK(l2) || (isCJK(r) && isASCIIAlnum(l2))))
	rc := isCJK(r) || (isContextPunct(r) && (isCJK(r2) || (isCJK(l) && isASCIIAlnum(r2))))
	if (lc && (rc || isASCIIAlnum(r))) || (isASCIIAlnum(l) && rc) {
		return ""
	}
	return keep()
}

// isCJK reports Han characters (and the radical forms some PDFs emit in
// their place), CJK punctuation, kana and the full-width forms left after
// folding.
func isCJK(r rune) bool {
	switch {
	case r < 0x2e80:
		return false
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x2e80 && r <= 0x2fdf: // CJK radicals supplement, Kangxi radicals
		return true
	case r >= 0x3001 && r <= 0x30ff: // CJK symbols and punctuation, kana
		return true
	case r >= 0xff00 && r <= 0xffef: // half-width and full-width forms
		return true
	}
	return false
}

// isContextPunct reports punctuation that is Chinese when its other
// neighbour is CJK: full-width "，（）" fold to ASCII, and Chinese text uses
// the same curly quotes as English.
func isContextPunct(r rune) bool {
	switch r {
	case ',', '(', ')', '“', '”', '‘', '’':
		return true
	}
	return false
}

func isOpeningCJK(r rune) bool {
	switch r {
	case '〈', '《', '「', '『', '【', '〔', '〖', '〘', '〚', '〝':
		return true
	}
	return false
}

func isClosingCJK(r rune) bool {
	switch r {
	case '、', '。', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛', '〞', '〟':
		return true
	}
	return false
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
