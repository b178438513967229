package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fullwidthOf maps ASCII punctuation to the full-width form Chinese text
// uses. Written as escapes so that no editor or tool can fold them back.
var fullwidthOf = map[rune]rune{
	',': '\uFF0C', // ，
	';': '\uFF1B', // ；
	':': '\uFF1A', // ：
	'(': '\uFF08', // （
	')': '\uFF09', // ）
	'!': '\uFF01', // ！
	'?': '\uFF1F', // ？
}

// Fullwidth writes the punctuation of Chinese text in full width: an ASCII
// comma, semicolon, colon, parenthesis, exclamation or question mark next
// to a Chinese character (or Chinese punctuation) becomes ，；：（）！？.
// Punctuation between Latin letters, digits or format verbs is left alone
// ("%s:%v", "10:30", "a(1).pdf"). Apply it to message texts and to
// extracted text when it is shown (FullwidthIn), never to the values put
// into messages (a file name stays as it was uploaded).
func Fullwidth(s string) string {
	if !strings.ContainsAny(s, ",;:()!?") {
		return s
	}
	rs := []rune(s)
	chineseNear := func(i int) bool {
		return (i > 0 && isChinese(rs[i-1])) || (i+1 < len(rs) && isChinese(rs[i+1]))
	}
	// Parentheses go in pairs: both become full-width when either touches
	// Chinese or they hold Chinese, so "(如 2.3.1)" stays a matching pair.
	var open []int
	for i, r := range rs {
		switch r {
		case '(':
			open = append(open, i)
		case ')':
			if len(open) == 0 {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if chineseNear(o) || chineseNear(i) || strings.IndexFunc(string(rs[o+1:i]), isChinese) >= 0 {
				rs[o], rs[i] = fullwidthOf['('], fullwidthOf[')']
			}
		}
	}
	for i, r := range rs {
		if fw, ok := fullwidthOf[r]; ok && r != '(' && r != ')' && chineseNear(i) {
			rs[i] = fw
		}
	}
	return string(rs)
}

// fullwidthContext is how far around a range FullwidthIn looks for the
// neighbours and the other half of a parenthesis of its punctuation.
const fullwidthContext = 256

// FullwidthIn is Fullwidth of text[start:end] as it reads inside text: a
// mark at the edge of the range is written by its neighbour outside it,
// and a parenthesis by its pair up to fullwidthContext bytes away. The
// extracted text is stored with its punctuation folded to ASCII, so that
// offsets and searches do not depend on width; it is shown, in pieces
// between highlights, as the document wrote it ("同意，现就"). start and
// end must be rune boundaries.
func FullwidthIn(text string, start, end int) string {
	piece := text[start:end]
	if !strings.ContainsAny(piece, ",;:()!?") {
		return piece
	}
	from := max(0, start-fullwidthContext)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	to := min(len(text), end+fullwidthContext)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	// Fullwidth changes runes one for one, so the range is found again
	// by counting runes.
	shown := []rune(Fullwidth(text[from:to]))
	at := utf8.RuneCountInString(text[from:start])
	return string(shown[at : at+utf8.RuneCountInString(piece)])
}

// isChinese reports whether r is a Han character or Chinese punctuation.
func isChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // 、。〔〕《》「」
		(r >= 0xFF01 && r <= 0xFF60) || // full-width forms
		r == '\u201C' || r == '\u201D' // “ ”
}
