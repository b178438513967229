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

// prepare folds widths, unifies line breaks and drops invisible
// characters; each run of bytes that are not UTF-8 becomes one U+FFFD,
// as strings.ToValidUTF8 makes it. Most of a page is characters kept as
// they are (keptPrefix): they are copied a stretch at a time, and a page
// with nothing to change is returned as it is, where decoding, looking up
// and writing each character again was most of Normalize's time
// (bench/README.md, ingest step 29).
func prepare(s string) string {
	i := keptPrefix(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	bad := false // the byte before is not UTF-8: one U+FFFD a run
	for {
		if n := keptPrefix(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			i += n
			bad = false
		}
		if i == len(s) {
			return b.String()
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			if !bad {
				b.WriteRune(utf8.RuneError)
			}
			bad = true
			continue
		}
		bad = false
		prepareRune(&b, r, s[i:])
	}
}

// prepareRune writes what prepare makes of r, a character it does not
// keep as it is; rest is the text after r.
func prepareRune(b *strings.Builder, r rune, rest string) {
	switch {
	case r == '\r':
		if len(rest) == 0 || rest[0] != '\n' { // else the '\n' follows
			b.WriteByte('\n')
		}
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

// keptPrefix is the length of the start of s that prepare keeps as it
// is: printable ASCII, tabs and line feeds, the common Han characters,
// CJK punctuation but the ideographic space, and the dashes, quotes and
// ellipsis of general punctuation (TestKeptRunesAreKept holds each to
// prepareRune). A character that is not UTF-8 ends it.
func keptPrefix(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c < 0x7f || c == '\n' || c == '\t' {
				i++
				continue
			}
			return i
		}
		if c&0xf0 != 0xe0 || i+2 >= len(s) || s[i+1]&0xc0 != 0x80 || s[i+2]&0xc0 != 0x80 {
			return i
		}
		if !keptRune(rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)) {
			return i
		}
		i += 3
	}
	return i
}

// keptRune says whether prepare keeps a character of three bytes as it
// is, without looking it up.
func keptRune(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3001 && r <= 0x303f || r >= 0x2010 && r <= 0x2027
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
// replaces each whitespace run by "", " ", "\n" or "\n\n". It returns s
// itself when no run changes (the last of Normalize's passes, and a page
// already normalised), and copies the text between runs a stretch at a
// time.
func joinRuns(s string) string {
	var b strings.Builder // the result, once it differs from s
	changed := false
	var prev, prev2 rune = -1, -1 // last two runes written, -1 if none
	lineStart := 0                // where the line being written starts in the result
	for i := 0; i < len(s); {
		if k := nonSpace(s[i:]); k > 0 {
			text := s[i : i+k]
			if changed {
				b.WriteString(text)
			}
			prev2, prev = lastTwo(text, prev)
			i += k
			continue
		}
		j, newlines := i, 0
		for j < len(s) && isSpace(rune(s[j])) {
			if s[j] == '\n' {
				newlines++
			}
			j++
		}
		run := "" // leading and trailing runs are trimmed
		if prev >= 0 && j < len(s) {
			done := s[:i]
			if changed {
				done = b.String()
			}
			run = replaceRun(s, j, prev2, prev, newlines, done[lineStart:])
		}
		if !changed && run != s[i:j] {
			b.Grow(len(s))
			b.WriteString(s[:i])
			changed = true
		}
		if changed {
			b.WriteString(run)
		}
		if strings.Contains(run, "\n") {
			lineStart = j
			if changed {
				lineStart = b.Len()
			}
		}
		i = j
	}
	if !changed {
		return s
	}
	return b.String()
}

// replaceRun is what the whitespace run ending at s[j] becomes, given the
// two runes before it, its line breaks and the line written before it.
func replaceRun(s string, j int, prev2, prev rune, newlines int, line string) string {
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
	if newlines == 1 && run != "\n" && headingBreak(line, nextLine(s[j:])) {
		run = "\n"
	}
	return run
}

// nonSpace is the length of the start of s before its first whitespace
// (isSpace: all ASCII, so no byte of another character is taken for one).
func nonSpace(s string) int {
	if k := strings.IndexAny(s, " \t\n"); k >= 0 {
		return k
	}
	return len(s)
}

// lastTwo returns the last two runes of the text written after prev:
// the one before its last, or prev when it has one rune, and its last.
func lastTwo(text string, prev rune) (rune, rune) {
	last, n := utf8.DecodeLastRuneInString(text)
	if n == len(text) {
		return prev, last
	}
	before, _ := utf8.DecodeLastRuneInString(text[:len(text)-n])
	return before, last
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
