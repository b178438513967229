package extract

import (
	"strings"
	"unicode/utf8"
)

// A heading on a line of its own ("二、主要指标", "（三）经费保障",
// "第二章 总则") is followed as often by a line that starts with a figure
// (a table's row, "2023年全市共有…") as by prose, and a table's last
// figures by the next heading. Normalize joins a line that ends in Han
// characters to one that starts with digits, as a phrase wrapped at the
// end of a line must be ("到\n2020年"), which glued the heading to the
// figures ("二、主要指标2023年"). headingBreak keeps those line breaks.

// maxHeadingRunes is the longest line taken for a heading: real headings
// are short, a wrapped line of prose on an A4 page runs to 30 characters
// and more.
const maxHeadingRunes = 24

// headingBreak reports whether the single line break between line (the
// text before it, from the previous line break) and next (the text after
// it, to the next line break) ends a heading or begins one, where a
// digit meets it.
func headingBreak(line, next string) bool {
	line, next = strings.TrimSpace(line), strings.TrimSpace(next)
	if line == "" || next == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	last, _ := utf8.DecodeLastRuneInString(line)
	switch {
	case isDigit(first):
		return isHeading(line)
	case isDigit(last):
		_, rest := headingMarker(next)
		return rest != "" && rest != next
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isHeading reports a short line that starts with a heading's number and
// holds no sentence's punctuation after it.
func isHeading(line string) bool {
	// Bytes first: Normalize asks about the whole line written so far at
	// every joined line break, and a line of thousands of joins (a list of
	// names and figures one a line) must not be counted each time.
	if len(line) > maxHeadingRunes*utf8.UTFMax || utf8.RuneCountInString(line) > maxHeadingRunes {
		return false
	}
	_, rest := headingMarker(line)
	if rest == "" || rest == line {
		return false
	}
	return !strings.ContainsAny(rest, "，。；：！？,;:!?")
}

// headingMarker splits a line's heading number from the rest: "一、",
// "(一)" and "（一）" (folded or not), "第…章", "第…节", "第…部分",
// "第…条", each with Chinese numerals. A line without one is returned
// whole as rest.
func headingMarker(line string) (marker, rest string) {
	s := line
	switch {
	case strings.HasPrefix(s, "("), strings.HasPrefix(s, "（"):
		_, n := utf8.DecodeRuneInString(s)
		num := leadingNumerals(s[n:])
		after := s[n+len(num):]
		if num != "" && (strings.HasPrefix(after, ")") || strings.HasPrefix(after, "）")) {
			_, m := utf8.DecodeRuneInString(after)
			return s[:n+len(num)+m], strings.TrimSpace(after[m:])
		}
	case strings.HasPrefix(s, "第"):
		num := leadingNumerals(s[len("第"):])
		after := s[len("第")+len(num):]
		for _, unit := range []string{"章", "节", "部分", "条"} {
			if num != "" && strings.HasPrefix(after, unit) {
				end := len("第") + len(num) + len(unit)
				return s[:end], strings.TrimSpace(s[end:])
			}
		}
	default:
		num := leadingNumerals(s)
		if num != "" && strings.HasPrefix(s[len(num):], "、") {
			end := len(num) + len("、")
			return s[:end], strings.TrimSpace(s[end:])
		}
	}
	return "", line
}

// leadingNumerals is the run of Chinese numerals s starts with.
func leadingNumerals(s string) string {
	end := 0
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !strings.ContainsRune("一二三四五六七八九十百零〇两", r) {
			break
		}
		end += n
	}
	return s[:end]
}
