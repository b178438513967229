package catalog

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
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

// IsFullwidthMark reports the full-width marks Fullwidth writes, ，；：（）！？:
// those a title read from extracted text takes back from its document
// (fields.Unfold), and no other (．－／％ stay folded, as numbers do).
func IsFullwidthMark(r rune) bool {
	switch r {
	case fullwidthOf[','], fullwidthOf[';'], fullwidthOf[':'], fullwidthOf['('], fullwidthOf[')'], fullwidthOf['!'], fullwidthOf['?']:
		return true
	}
	return false
}

// Fullwidth writes the punctuation of Chinese text in full width: an ASCII
// comma, semicolon, colon, parenthesis, exclamation or question mark next
// to a Chinese character (or Chinese punctuation) becomes ，；：（）！？.
// Punctuation between Latin letters, digits or format verbs is left alone
// ("%s:%v", "10:30", "a(1).pdf"). A full stop '.' is left as it is: the
// extracted text is never stored with 。 folded to '.', so a '.' there is
// one the document wrote (不符.请核对, 方案.定稿.docx); TypedText also
// turns it into 。 for text typed in the archive. Apply it to message
// texts and to extracted text when it is shown (ShownText), never to the
// values put into messages (a file name stays as it was uploaded).
func Fullwidth(s string) string {
	return fullwidth(s, false)
}

// ShownForm is a document's extracted text as it is shown — in search
// fragments, on the document page, in a claim's passages and quotes —
// from the form it is stored and searched in, rune for rune (offsets of
// the stored text find their place in it). It is Fullwidth, with a mark
// judged by the Chinese beyond the spaces beside it too: OCR sets a
// space between a Chinese character and the mark after or before it
// (单位 :, 85%, 建成, 10号 )), which a document typed never does. Square
// brackets beside or around Chinese become full-width as well: around a
// year after a Chinese name, the brackets of a 文号 (教职成 [2014] 10号 →
// 教职成 〔2014〕 10号), which OCR reads as [ ]; others ［ ］. The stored
// text keeps the ASCII forms, so searching finds either.
func ShownForm(s string) string {
	return squareBrackets(fullwidth(s, true))
}

// fullwidth is Fullwidth; throughSpaces looks past the spaces and tabs
// beside a mark for its Chinese neighbour (ShownForm).
func fullwidth(s string, throughSpaces bool) string {
	if !strings.ContainsAny(s, ",;:()!?") {
		return s
	}
	rs := []rune(s)
	chineseNear := func(i int) bool {
		return chineseBeside(rs, i, -1, throughSpaces) || chineseBeside(rs, i, 1, throughSpaces)
	}
	// chineseBefore[i] counts the Chinese runes before rs[i], so whether a
	// pair holds Chinese is one subtraction: the text shown may be a
	// whole page of nested parentheses.
	chineseBefore := make([]int32, len(rs)+1)
	for i, r := range rs {
		chineseBefore[i+1] = chineseBefore[i]
		if isChinese(r) {
			chineseBefore[i+1]++
		}
	}
	// Parentheses go in pairs: both become full-width when either touches
	// Chinese or they hold Chinese, so "(如 2.3.1)" stays a matching pair.
	// A half without its pair here (the text shown around a highlight may
	// cut a long parenthesis) goes by its own neighbours, like a comma.
	var open, alone []int
	for i, r := range rs {
		switch r {
		case '(':
			open = append(open, i)
		case ')':
			if len(open) == 0 {
				alone = append(alone, i)
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if chineseNear(o) || chineseNear(i) || chineseBefore[i] > chineseBefore[o+1] {
				rs[o], rs[i] = fullwidthOf['('], fullwidthOf[')']
			}
		}
	}
	for _, i := range append(alone, open...) {
		if chineseNear(i) {
			rs[i] = fullwidthOf[rs[i]]
		}
	}
	for i, r := range rs {
		if fw, ok := fullwidthOf[r]; ok && r != '(' && r != ')' && chineseNear(i) {
			rs[i] = fw
		}
	}
	return string(rs)
}

// chineseBeside says whether the rune next to rs[i] in direction step
// (-1 before, 1 after) is Chinese; throughSpaces skips spaces and tabs
// (never a line break) to find that rune.
func chineseBeside(rs []rune, i, step int, throughSpaces bool) bool {
	for j := i + step; j >= 0 && j < len(rs); j += step {
		if throughSpaces && (rs[j] == ' ' || rs[j] == '\t') {
			continue
		}
		return isChinese(rs[j])
	}
	return false
}

// squareBrackets makes full-width, rune for rune, each pair of square
// brackets on one line around a year with Chinese beside it, through
// spaces (a 文号's: 〔 〕), and each other pair that holds Chinese or
// touches it (［ ］).
func squareBrackets(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	rs := []rune(s)
	open := -1
	for i, r := range rs {
		switch r {
		case '\n':
			open = -1
		case '[':
			open = i
		case ']':
			if open < 0 {
				continue
			}
			o := open
			open = -1
			inner := string(rs[o+1 : i])
			year := yearPattern(inner)
			switch {
			case year && (chineseBeside(rs, o, -1, true) || chineseBeside(rs, i, 1, true)):
				rs[o], rs[i] = '\u3014', '\u3015' // 〔 〕
			case !year && (strings.IndexFunc(inner, isChinese) >= 0 || chineseBeside(rs, o, -1, false) || chineseBeside(rs, i, 1, false)):
				rs[o], rs[i] = '\uFF3B', '\uFF3D' // ［ ］
			}
		}
	}
	return string(rs)
}

// yearPattern reports whether s is a year of four digits, as a 文号 has
// between its brackets.
func yearPattern(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// TypedText is Fullwidth for text people type in the archive — reviewers'
// comments, return reasons — and for the messages and labels written
// here: its punctuation next to Chinese full width, and a full stop '.'
// after a Chinese character 。 when nothing Latin, no digit and no other
// '.' follows it (不符.请核对 → 不符。请核对, 盖章版). at the end), never
// between digits (1.2万) nor in a file name (台账.xlsx), an ellipsis (...)
// or a numbered heading (一.工作情况 at a line's start). Never apply it to
// a document's text, title or file name: those keep each '.' they have.
func TypedText(s string) string {
	s = Fullwidth(s)
	if !strings.Contains(s, ".") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if r == '.' && sentenceEnd(rs, i) {
			rs[i] = '\u3002' // 。
		}
	}
	return string(rs)
}

// wideAlnum reports whether r is a full-width digit or Latin letter.
func wideAlnum(r rune) bool {
	return r >= '\uFF10' && r <= '\uFF19' || r >= '\uFF21' && r <= '\uFF3A' || r >= '\uFF41' && r <= '\uFF5A'
}

// chineseNumerals are the numerals a heading is numbered with (一.).
const chineseNumerals = "一二三四五六七八九十"

// sentenceEnd reports whether the '.' at rs[i] ends a Chinese sentence: a
// Chinese character (or Chinese punctuation, 。 made just before it
// included) before it, and after it the end, a space, a line break or
// Chinese; not a numbered heading's 一. at a line's start.
func sentenceEnd(rs []rune, i int) bool {
	if i == 0 || !isChinese(rs[i-1]) || wideAlnum(rs[i-1]) {
		return false // ９８.６ is a number in full-width digits
	}
	if i+1 < len(rs) && (!unicode.IsSpace(rs[i+1]) && !isChinese(rs[i+1]) || wideAlnum(rs[i+1])) {
		return false
	}
	if strings.ContainsRune(chineseNumerals, rs[i-1]) && (i == 1 || unicode.IsSpace(rs[i-2])) {
		return false
	}
	return true
}

// fullwidthContext is how far around a range fullwidthIn looks for the
// neighbours and the other half of a parenthesis of its punctuation.
const fullwidthContext = 256

// fullwidthIn is Fullwidth of text[start:end] as it reads inside text: a
// mark at the edge of the range is written by its neighbour outside it,
// and a parenthesis by its pair up to fullwidthContext bytes away. The
// extracted text is stored with its punctuation folded to ASCII, so that
// offsets and searches do not depend on width; it is shown, in pieces
// between highlights, as the document wrote it ("同意，现就"). start and
// end must be rune boundaries.
func fullwidthIn(text string, start, end int) string {
	piece := text[start:end]
	if !strings.ContainsAny(piece, ",;:()!?[]") {
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
	shown := []rune(ShownForm(text[from:to]))
	at := utf8.RuneCountInString(text[from:start])
	return string(shown[at : at+utf8.RuneCountInString(piece)])
}

// ShownText cuts text[start:end], its punctuation made full-width once
// (fullwidthIn), into pieces at offsets of text: the stretches between
// highlights of a fragment or a page.
type ShownText struct {
	text, shown string
	at, shownAt int // the next piece starts here in text and in shown
}

// NewShownText is text[start:end] to be cut into pieces from start.
func NewShownText(text string, start, end int) *ShownText {
	return &ShownText{text: text, shown: fullwidthIn(text, start, end), at: start}
}

// Next returns the piece from the end of the last one (or the start) to
// end, an offset of text at a rune boundary, no less than the last.
func (s *ShownText) Next(end int) string {
	from := s.shownAt
	// The shown text has the same runes one for one, so the piece ends
	// after as many runes as text[at:end] has.
	for s.at < end {
		_, n := utf8.DecodeRuneInString(s.text[s.at:])
		_, m := utf8.DecodeRuneInString(s.shown[s.shownAt:])
		s.at, s.shownAt = s.at+n, s.shownAt+m
	}
	return s.shown[from:s.shownAt]
}

// ShowDocNumber is shown, a document's text as ShownForm shows it, with
// the document's own 文号 (number, in DocNumberForm) written as its
// 文号 field shows it (written, DocNumberAsWritten) wherever the text
// shows number: ShownForm gives a year in square brackets 〔〕, as OCR
// reads the paper's 〔〕, while a text that writes 杭教成[2017]15号 has
// it so in its field, and its page must not say otherwise. Rune for
// rune: a written form of another length is left alone.
func ShowDocNumber(shown, number, written string) string {
	if number == "" || written == "" {
		return shown
	}
	from := DocNumberForm(number)
	if from == written || utf8.RuneCountInString(from) != utf8.RuneCountInString(written) {
		return shown
	}
	return strings.ReplaceAll(shown, from, written)
}

// ShowDocNumber is ShowDocNumber of the text s cuts, before any piece of
// it is taken; s for chaining.
func (s *ShownText) ShowDocNumber(number, written string) *ShownText {
	s.shown = ShowDocNumber(s.shown, number, written)
	return s
}

// isChinese reports whether r is a Han character or Chinese punctuation.
func isChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // 、。〔〕《》「」
		(r >= 0xFF01 && r <= 0xFF60) || // full-width forms
		r == '\u201C' || r == '\u201D' // “ ”
}

// chineseQuotes turns each plain %q of a format written in Chinese whose
// value is text into “%s” with the value's invisible characters escaped
// as %q escapes them (a right-to-left override shows as \u202e), so
// 未知的城市代码 %q reads 未知的城市代码“12”, not 未知的城市代码 "12". A
// format in another language, or one with explicit argument indexes or a
// '*' width, is left as it is.
func chineseQuotes(format string, args []any) (string, []any) {
	if !strings.Contains(format, "%q") || strings.IndexFunc(format, func(r rune) bool { return unicode.Is(unicode.Han, r) }) < 0 {
		return format, args
	}
	var b strings.Builder
	out, copied := args, false
	n := 0 // the argument the next verb takes
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(format[i:])
			break
		}
		switch verb := format[j]; {
		case verb == '%':
			b.WriteString(format[i : j+1])
		case verb == '[' || verb == '*':
			return format, args
		case verb == 'q' && j == i+1 && n < len(args):
			if s, ok := textOf(args[n]); ok {
				if !copied {
					out, copied = slices.Clone(args), true
				}
				out[n] = visible(s)
				// Chinese quotation marks take no space around them:
				// 文档 %q 不存在 → 文档“x”不存在.
				if before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(b.String(), " ")); isChinese(before) {
					trimmed := strings.TrimSuffix(b.String(), " ")
					b.Reset()
					b.WriteString(trimmed)
				}
				b.WriteString("“%s”")
				if after, _ := utf8.DecodeRuneInString(strings.TrimPrefix(format[j+1:], " ")); isChinese(after) && strings.HasPrefix(format[j+1:], " ") {
					j++
				}
			} else {
				b.WriteString("%q")
			}
			n++
		default:
			b.WriteString(format[i : j+1])
			n++
		}
		i = j
	}
	return b.String(), out
}

// textOf is the text a %q verb quotes, for the values that are text: of
// a string kind (named string types too), bytes, errors and Stringers. A
// nil pointer behind an interface is left to fmt, which prints <nil>.
func textOf(v any) (string, bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "", false
	}
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case error:
		return v.Error(), true
	case fmt.Stringer:
		return v.String(), true
	}
	if rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

// visible escapes the characters of s that cannot be seen, as strconv.Quote
// does, and leaves the rest, quotation marks and backslashes too.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
