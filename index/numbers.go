package index

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// numberForms returns the ways a query word may be written with the
// thousands of its numbers grouped or not: the word itself, then, when it
// holds a number of four digits or more before its decimal point, the word
// with every such number grouped (2,000余人, 1,234.5万) and with none
// grouped (2000余人, 1234.5万). Documents write both, and a reviewer
// checking a figure types whichever the claim has; the index holds the
// digits as written, so each form is searched. A year (2017年, 〔2017〕)
// and a number with a leading zero or joined to letters (a code: 0574,
// ISO9001) are left as they are.
func numberForms(word string) []string {
	w := width.Fold.String(word)
	nums := numbersIn(w)
	if len(nums) == 0 {
		return []string{word}
	}
	forms := []string{word}
	for _, grouped := range []bool{true, false} {
		var b strings.Builder
		last := 0
		for _, n := range nums {
			b.WriteString(w[last:n.start])
			digits := strings.ReplaceAll(w[n.start:n.end], ",", "")
			if grouped {
				digits = groupThousands(digits)
			}
			b.WriteString(digits)
			last = n.end
		}
		b.WriteString(w[last:])
		if f := b.String(); f != w && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// numberSpan is the integer part of a number in a word, byte offsets.
type numberSpan struct{ start, end int }

// numbersIn finds the integer parts of w's numbers that have four digits
// or more, written with or without thousands separators; a comma-grouped
// one must be grouped correctly (1,2 is a list, not a number).
func numbersIn(w string) []numberSpan {
	var out []numberSpan
	for i := 0; i < len(w); {
		if !isASCIIDigit(w[i]) || i > 0 && (w[i-1] == '.' || isASCIIDigit(w[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(w) && (isASCIIDigit(w[j]) || w[j] == ',' && j+1 < len(w) && isASCIIDigit(w[j+1])) {
			j++
		}
		if n := (numberSpan{i, j}); isGroupable(w, n) {
			out = append(out, n)
		}
		i = j
	}
	return out
}

func isGroupable(w string, n numberSpan) bool {
	s := w[n.start:n.end]
	digits := strings.ReplaceAll(s, ",", "")
	if len(digits) < 4 || digits[0] == '0' {
		return false
	}
	if s != digits && groupThousands(digits) != s {
		return false
	}
	if s == digits && len(digits) == 4 && isYear(w, n) {
		return false
	}
	// Digits joined to Latin letters are a code (ISO9001, GB2260).
	return !(n.start > 0 && isASCIILetter(w[n.start-1]) || n.end < len(w) && isASCIILetter(w[n.end]))
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isYear reports whether the four digits of n are a year: followed by 年
// or in the brackets of a 文号.
func isYear(w string, n numberSpan) bool {
	after := w[n.end:]
	if strings.HasPrefix(after, "年") {
		return true
	}
	before := w[:n.start]
	for _, br := range [][2]string{{"〔", "〕"}, {"(", ")"}, {"[", "]"}, {"【", "】"}} {
		if strings.HasSuffix(before, br[0]) || strings.HasPrefix(after, br[1]) {
			return true
		}
	}
	return false
}

// groupThousands puts a comma between every three digits of an integer
// written without them, from the right.
func groupThousands(digits string) string { return zh.GroupThousands(digits) }

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// TrailingZeros reports whether the number text[s:e] ends with zeros the
// index takes for a decimal's trailing zeros, no digits of its value
// (96.50%, 3.10%), as it finds 96.5 there; not those of 2024.10 (a year
// and October) nor of 第3.10条 (a clause's tenth), which 2024.1 and 3.1
// do not find. It reads a few characters either side of the number.
func TrailingZeros(text string, s, e int) bool {
	from, to := s, e
	for n := 0; n < 4 && from > 0; n++ {
		_, w := utf8.DecodeLastRuneInString(text[:from])
		from -= w
	}
	for n := 0; n < 4 && to < len(text); n++ {
		_, w := utf8.DecodeRuneInString(text[to:])
		to += w
	}
	return zh.TrailingZeros(text[from:s], text[s:e], text[e:to])
}
