package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The shown form as it was written before session 45 made it one pass
// over bytes: the oracle the property tests hold the new one to
// (shownform_same_test.go). Rune slices, a map and a prefix count, easy
// to read and slow.

var oldFullwidthOf = map[rune]rune{
	',': '\uFF0C', // ，
	';': '\uFF1B', // ；
	':': '\uFF1A', // ：
	'(': '\uFF08', // （
	')': '\uFF09', // ）
	'!': '\uFF01', // ！
	'?': '\uFF1F', // ？
}

func oldShownForm(s string) string {
	return oldSquareBrackets(oldFullwidth(s, true))
}

func oldFullwidth(s string, throughSpaces bool) string {
	if !strings.ContainsAny(s, ",;:()!?") {
		return s
	}
	rs := []rune(s)
	chineseNear := func(i int) bool {
		return oldChineseBeside(rs, i, -1, throughSpaces) || oldChineseBeside(rs, i, 1, throughSpaces)
	}
	// chineseBefore[i] counts the Chinese runes before rs[i], so whether a
	// pair holds Chinese is one subtraction: the text shown may be a
	// whole page of nested parentheses.
	chineseBefore := make([]int32, len(rs)+1)
	for i, r := range rs {
		chineseBefore[i+1] = chineseBefore[i]
		if oldIsChinese(r) {
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
				rs[o], rs[i] = oldFullwidthOf['('], oldFullwidthOf[')']
			}
		}
	}
	for _, i := range append(alone, open...) {
		if chineseNear(i) {
			rs[i] = oldFullwidthOf[rs[i]]
		}
	}
	for i, r := range rs {
		if fw, ok := oldFullwidthOf[r]; ok && r != '(' && r != ')' && chineseNear(i) {
			rs[i] = fw
		}
	}
	return string(rs)
}

func oldChineseBeside(rs []rune, i, step int, throughSpaces bool) bool {
	for j := i + step; j >= 0 && j < len(rs); j += step {
		if throughSpaces && (rs[j] == ' ' || rs[j] == '\t') {
			continue
		}
		return oldIsChinese(rs[j])
	}
	return false
}

func oldSquareBrackets(s string) string {
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
			case year && (oldChineseBeside(rs, o, -1, true) || oldChineseBeside(rs, i, 1, true)):
				rs[o], rs[i] = '\u3014', '\u3015' // 〔 〕
			case !year && (strings.IndexFunc(inner, isChinese) >= 0 || oldChineseBeside(rs, o, -1, false) || oldChineseBeside(rs, i, 1, false)):
				rs[o], rs[i] = '\uFF3B', '\uFF3D' // ［ ］
			}
		}
	}
	return string(rs)
}

func oldFullwidthIn(text string, start, end int) string {
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
	shown := []rune(oldShownForm(text[from:to]))
	at := utf8.RuneCountInString(text[from:start])
	return string(shown[at : at+utf8.RuneCountInString(piece)])
}

func oldIsChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // 、。〔〕《》「」
		(r >= 0xFF01 && r <= 0xFF60) || // full-width forms
		r == '\u201C' || r == '\u201D' // “ ”
}
