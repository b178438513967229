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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r' || r == '\f' || r == '\v' || r == 0x2028 || r == 0x2029:
			r = '\n'
		case r == '\u3000' || r == '\t' || (r != '\n' && unicode.IsSpace(r)):
			r = ' '
		case catalog.IsInvisible(r):
			continue
		default:
			r = foldWidth(r)
		}
		b.WriteRune(r)
	}
	return dropSpaces(b.String())
}

// foldWidth is r in its half-width form when it has one (（ → (, ２ → 2).
func foldWidth(r rune) rune {
	if f := width.LookupRune(r).Folded(); f != 0 {
		return f
	}
	return r
}

// shownPunct are the ASCII marks prepare may have folded from the
// full-width ones a title is written with.
const shownPunct = "()[]:;,!?<>"

// asWritten is title, read from the prepared text, with the punctuation
// the document itself writes it with: 《…管理办法（试行）》 keeps its
// （）, which prepare folded to (), while letters and digits stay
// half-width (２０２３ reads 2023) and the spaces and line breaks the
// text has inside it stay out. It finds the title in pages by folding
// each character as prepare does; a title not found so (or with no mark
// to restore) is returned as it is.
func asWritten(title string, pages []string) string {
	if !strings.ContainsAny(title, shownPunct) {
		return title
	}
	want := []rune(strings.ReplaceAll(title, " ", ""))
	for _, p := range pages {
		rs := []rune(p)
		if len(rs) > 4*maxHeadRunes {
			rs = rs[:4*maxHeadRunes]
		}
		for s := range rs {
			if foldWidth(rs[s]) != want[0] {
				continue
			}
			if t, ok := writtenFrom(rs[s:], want, title); ok {
				return t
			}
		}
	}
	return title
}

// writtenFrom matches want (title without its spaces) at the start of
// rs, skipping the spaces, line breaks and invisible characters rs has
// between its characters, and returns title as rs writes it: each mark
// as written, letters and digits folded, title's own spaces kept.
func writtenFrom(rs, want []rune, title string) (string, bool) {
	var b strings.Builder
	tr := []rune(title)
	i, k := 0, 0 // want's and title's runes matched
	for _, r := range rs {
		if i == len(want) {
			break
		}
		if unicode.IsSpace(r) || catalog.IsInvisible(r) {
			continue
		}
		f := foldWidth(r)
		if f != want[i] {
			return "", false
		}
		for k < len(tr) && tr[k] == ' ' {
			b.WriteByte(' ')
			k++
		}
		if f < utf8.RuneSelf && strings.ContainsRune(shownPunct, f) {
			b.WriteRune(r)
		} else {
			b.WriteRune(f)
		}
		i, k = i+1, k+1
	}
	return b.String(), i == len(want)
}

// dropSpaces removes runs of spaces with a CJK character or a digit on
// either side, and trims every line; empty lines go.
func dropSpaces(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.Contains(l, " ") {
			// Most lines have no space to judge: kept as they are, without
			// the copy to runes (a tenth of the pipeline's field reading).
			if l != "" {
				out = append(out, l)
			}
			continue
		}
		var b strings.Builder
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
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return strings.Join(out, "\n")
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
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
