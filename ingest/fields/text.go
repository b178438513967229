package fields

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/catalog"
)

// prepare folds full-width forms ("（２０１８）" → "(2018)"), turns every
// line break into "\n" and removes the spaces OCR and PDFs put next to
// Chinese characters and digits ("2018 年 3 月", "杭政办发 〔 2018 〕"),
// keeping line breaks: where lines survive they help find the title.
func prepare(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	n := keptPrefix(s)
	if n == len(s) {
		return dropSpaces(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for n < len(s) {
		// What keptPrefix passes over is copied a stretch at a time: a
		// character at a time, decoded and written again, was most of
		// prepare's time.
		b.WriteString(s[:n])
		r, size := utf8.DecodeRuneInString(s[n:])
		s = s[n+size:]
		if r, keep := prepareRune(r); keep {
			b.WriteRune(r)
		}
		n = keptPrefix(s)
	}
	b.WriteString(s)
	return dropSpaces(b.String())
}

// keptPrefix is how many bytes at the start of s, valid UTF-8, prepare
// keeps as they are without a look: printable ASCII but the space and
// the common Han characters (U+4E00–U+9FFF, encoded from E4 B8 80 to E9
// BF BF), most of a text. None is a space, invisible or folded
// (TestPrepareKeepsWithoutLookup).
func keptPrefix(s string) int {
	i := 0
	for i < len(s) {
		switch c := s[i]; {
		case c > ' ' && c < 0x7f:
			i++
		case c >= 0xe5 && c <= 0xe9, c == 0xe4 && s[i+1] >= 0xb8:
			i += 3
		default:
			return i
		}
	}
	return i
}

// prepareRune is what prepare writes for r, and whether it writes
// anything.
func prepareRune(r rune) (rune, bool) {
	switch {
	case r == '\r' || r == '\f' || r == '\v' || r == 0x2028 || r == 0x2029:
		return '\n', true
	case r == '\u3000' || r == '\t' || (r != '\n' && unicode.IsSpace(r)):
		return ' ', true
	case catalog.IsInvisible(r):
		return 0, false
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		return f, true
	}
	return r, true
}

// dropSpaces removes runs of spaces with a CJK character or a digit on
// either side, and trims every line; empty lines go. A text none of
// whose lines changes is returned as it is, and one that changes is
// written into one builder: splitting it into lines and joining them
// again was most of prepare's allocation (bench/README.md, session 50).
func dropSpaces(s string) string {
	if linesKept(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for rest, more := s, true; more; {
		var l string
		l, rest, more = strings.Cut(rest, "\n")
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		if !strings.Contains(l, " ") {
			// Most lines have no space to judge: kept as they are, without
			// the copy to runes (a tenth of the pipeline's field reading).
			b.WriteString(l)
			continue
		}
		writeJoined(&b, l)
	}
	return b.String()
}

// linesKept says whether dropSpaces leaves s as it is: no line empty,
// none with a space or with white space to trim.
func linesKept(s string) bool {
	for rest, more := s, true; more; {
		var l string
		l, rest, more = strings.Cut(rest, "\n")
		if l == "" || strings.Contains(l, " ") || strings.TrimSpace(l) != l {
			return false
		}
	}
	return true
}

// writeJoined writes a trimmed line, which starts and ends with other
// than a space, with the runs of spaces next to a character that joins
// dropped and the others made one space.
func writeJoined(b *strings.Builder, l string) {
	rs := []rune(l)
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if !(joins(rs[i-1]) || joins(rs[j])) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
}

func joins(r rune) bool {
	return isCJK(r) || r >= '0' && r <= '9' || strings.ContainsRune("()[]:,;.", r)
}

// isCJK reports Han characters and CJK punctuation and brackets.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xfe30 && r <= 0xfe6f || r == '〇' || r == '○'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) || r == '〇' }

// runeLen is the number of characters in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// lastRunes returns the last n characters of s (all of s if shorter).
func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

// afterLast returns what follows the last of the characters chars in s,
// all of s when it has none of them.
func afterLast(s, chars string) string {
	i := strings.LastIndexAny(s, chars)
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}

// firstRunes returns the first n characters of s (all of s if shorter).
func firstRunes(s string, n int) string {
	// Counted in place, without the copy to runes, for valid UTF-8 (what
	// prepare gives); a string with a byte that is not UTF-8 goes through
	// runes as before, each such byte becoming U+FFFD.
	for i, k := 0, 0; i < len(s); k++ {
		if k == n {
			return s[:i]
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			rs := []rune(s)
			if len(rs) <= n {
				return s
			}
			return string(rs[:n])
		}
		i += size
	}
	return s
}
