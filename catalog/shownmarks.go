package catalog

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// shownMarks are the ASCII marks of a text that its shown form may write
// in full width — ,;:()!? and, for ShownForm, [ ] — in the order the text
// has them, each with the rune it becomes. The text is read once to find
// them, a byte at a time (no mark is part of a longer UTF-8 sequence);
// whether a mark is beside Chinese is read from the text around it, or,
// when its neighbour is a mark, from that mark, the one before or after
// it in the list, which may have become full width. The marks are judged
// in the order Fullwidth always judged them (pairs of parentheses as they
// close, halves without a pair, the other marks, then square brackets),
// each seeing the marks judged before it as they became: the shown form
// stays what it was when it took a rune slice and a map.
type shownMarks struct {
	text string
	list []shownMark
}

// shownMark is one mark of the text.
type shownMark struct {
	at int // its byte offset in the text
	// chinese counts the Chinese runes before an open parenthesis, those
	// inside parentheses only; it is paired (-1) once the parenthesis has
	// its other half. Sixteen bytes a mark: a page may have many.
	chinese int32
	wide    rune // the full-width rune it becomes; 0 while it stays
}

// paired is the chinese of a parenthesis with its other half.
const paired = -1

// markKinds tells the marks Fullwidth writes (1) and the square brackets
// ShownForm writes too (2) from the other bytes.
var markKinds = [utf8.RuneSelf]uint8{',': 1, ';': 1, ':': 1, '(': 1, ')': 1, '!': 1, '?': 1, '[': 2, ']': 2}

// findShownMarks finds and judges the marks of text, valid UTF-8, after
// those in list (its room is used first): Fullwidth's with throughSpaces
// as fullwidth has it, and the square brackets of ShownForm when
// brackets.
func findShownMarks(text string, throughSpaces, brackets bool, list []shownMark) []shownMark {
	m := shownMarks{text: text, list: pairParentheses(text, throughSpaces, brackets, list)}
	for k, e := range m.list {
		c := text[e.at]
		if (c == '(' || c == ')') && e.chinese != paired && m.chineseNear(k, throughSpaces) {
			m.list[k].wide = wideOf(c)
		}
	}
	for k, e := range m.list {
		if c := text[e.at]; markKinds[c] == 1 && c != '(' && c != ')' && m.chineseNear(k, throughSpaces) {
			m.list[k].wide = wideOf(c)
		}
	}
	if brackets {
		m.squareBrackets()
	}
	return m.list
}

// pairParentheses lists the marks of text after those in list and makes each pair of parentheses
// full width, as it closes, when either half touches Chinese or the pair
// holds Chinese, so "(如 2.3.1)" stays a matching pair. A half without
// its pair here (the text shown around a highlight may cut a long
// parenthesis) is left to go by its own neighbours, like a comma. The
// Chinese runes are counted only while a parenthesis is open, so whether
// a pair holds Chinese is one subtraction: the text shown may be a whole
// page of nested parentheses.
func pairParentheses(text string, throughSpaces, brackets bool, list []shownMark) []shownMark {
	m := shownMarks{text: text, list: list}
	var stackRoom [16]int
	open := stackRoom[:0] // the list's open parentheses, innermost last
	var chinese int32
	for i := 0; i < len(text); {
		c := text[i]
		if c >= utf8.RuneSelf {
			if len(open) == 0 {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if isChinese(r) {
				chinese++
			}
			i += n
			continue
		}
		i++
		kind := markKinds[c]
		if kind == 0 || kind == 2 && !brackets {
			continue
		}
		if len(m.list) == cap(m.list) {
			// Doubled, not by a quarter as append grows a long
			// slice: a page may have tens of thousands of marks.
			m.list = slices.Grow(m.list, len(m.list))
		}
		m.list = append(m.list, shownMark{at: i - 1, chinese: chinese})
		k := len(m.list) - 1
		switch {
		case c == '(':
			open = append(open, k)
		case c == ')' && len(open) > 0:
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if m.chineseNear(o, throughSpaces) || m.chineseNear(k, throughSpaces) || chinese > m.list[o].chinese {
				m.list[o].wide, m.list[k].wide = '\uFF08', '\uFF09' // （ ）
			}
			m.list[o].chinese, m.list[k].chinese = paired, paired
		}
	}
	return m.list
}

// squareBrackets makes full width each pair of square brackets on one
// line around a year with Chinese beside it, through spaces (a 文号's:
// 〔 〕), and each other pair that holds Chinese or touches it (［ ］).
// A '[' opens a pair anew; a line break between the halves ends it.
func (m shownMarks) squareBrackets() {
	open := -1
	for k, e := range m.list {
		switch m.text[e.at] {
		case '[':
			open = k
		case ']':
			if open < 0 {
				continue
			}
			o := open
			open = -1
			inner := m.text[m.list[o].at+1 : e.at]
			if strings.IndexByte(inner, '\n') >= 0 {
				continue
			}
			year := yearPattern(inner)
			switch {
			case year && (m.chineseBeside(o, -1, true) || m.chineseBeside(k, 1, true)):
				m.list[o].wide, m.list[k].wide = '\u3014', '\u3015' // 〔 〕
			case !year && (m.holdsChinese(o, k) || m.chineseBeside(o, -1, false) || m.chineseBeside(k, 1, false)):
				m.list[o].wide, m.list[k].wide = '\uFF3B', '\uFF3D' // ［ ］
			}
		}
	}
}

// holdsChinese reports whether Chinese stands between the marks o and k:
// a Chinese rune, or a mark between them made full width.
func (m shownMarks) holdsChinese(o, k int) bool {
	for _, e := range m.list[o+1 : k] {
		if e.wide != 0 {
			return true
		}
	}
	return strings.IndexFunc(m.text[m.list[o].at+1:m.list[k].at], isChinese) >= 0
}

// chineseNear reports whether the rune before or after mark k is Chinese.
func (m shownMarks) chineseNear(k int, throughSpaces bool) bool {
	return m.chineseBeside(k, -1, throughSpaces) || m.chineseBeside(k, 1, throughSpaces)
}

// chineseBeside reports whether the rune next to mark k in direction
// step (-1 before, 1 after) is Chinese; throughSpaces skips spaces and
// tabs (never a line break) to find that rune. A mark next to it is the
// mark before or after k in the list, Chinese when made full width.
func (m shownMarks) chineseBeside(k, step int, throughSpaces bool) bool {
	text := m.text
	j := m.list[k].at + step
	for throughSpaces && j >= 0 && j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j += step
	}
	if j < 0 || j >= len(text) {
		return false
	}
	if text[j] < utf8.RuneSelf {
		n := k + step
		return n >= 0 && n < len(m.list) && m.list[n].at == j && m.list[n].wide != 0
	}
	var r rune
	if step < 0 {
		r, _ = utf8.DecodeLastRuneInString(text[:j+1])
	} else {
		r, _ = utf8.DecodeRuneInString(text[j:])
	}
	return isChinese(r)
}

// shownRange is text[from:to] as it is shown, the marks of list made
// full width written so; the text itself when none is.
func shownRange(text string, list []shownMark, from, to int) string {
	wide := 0
	for _, e := range list {
		if e.wide != 0 && e.at >= from && e.at < to {
			wide++
		}
	}
	if wide == 0 {
		return text[from:to]
	}
	var b strings.Builder
	// Each full-width mark takes three bytes for the ASCII one.
	b.Grow(to - from + 2*wide)
	last := from
	for _, e := range list {
		if e.wide != 0 && e.at >= from && e.at < to {
			b.WriteString(text[last:e.at])
			b.WriteRune(e.wide)
			last = e.at + 1
		}
	}
	b.WriteString(text[last:to])
	return b.String()
}

// wideOf is the full-width form of one of the marks Fullwidth writes.
func wideOf(c byte) rune {
	switch c {
	case ',':
		return '\uFF0C' // ，
	case ';':
		return '\uFF1B' // ；
	case ':':
		return '\uFF1A' // ：
	case '(':
		return '\uFF08' // （
	case ')':
		return '\uFF09' // ）
	case '!':
		return '\uFF01' // ！
	case '?':
		return '\uFF1F' // ？
	}
	return rune(c)
}
