package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/cnnum"
)

// A mark never cuts a number. The index finds a statement's or a query's
// number by its pieces (1,234.5 holds 1, 234 and 5; the n-grams of
// 5万人次), so its marks could begin or end inside a number of the text:
// 达1,234.<mark>5万人次</mark> for 1234.5万人次, or 七十 marked in 七十二. A
// mark that ends inside a number takes the number whole when it is one of
// the numbers asked for (however its thousands are grouped, in either
// width), and leaves it out otherwise.

// numberSet holds the numbers a statement or a query writes, each as
// textNumberKey has it.
type numberSet map[string]bool

// numbersOf are the numbers written in texts: runs of digits (with their
// decimal point and thousands separators) and runs of Chinese numerals.
func numbersOf(texts ...string) numberSet {
	out := numberSet{}
	for _, t := range texts {
		for i := 0; i < len(t); {
			start, end, ok := numberAt(t, i)
			if !ok {
				_, n := utf8.DecodeRuneInString(t[i:])
				i += n
				continue
			}
			// Both keys: a query's number has no text around it to tell
			// trailing zeros from a clause's tenth, and the text's
			// number, keyed in its context, may be either (3.10 is 3.1
			// in 3.10% but stays 3.10 in 第3.10条).
			out[numberKey(t[start:end])] = true
			out[textNumberKey(t, start, end)] = true
			i = end
		}
	}
	return out
}

// figuresOf are the numbers a claim's statement (定性描述) states, which
// a mark in a passage proposed for it takes whole: each keyed as its
// words around it read it (textNumberKey), 3.10% as 3.1, as a passage's
// 3.10% or 3.1% is keyed. A number after 第 is left out: a clause or an
// ordinal the statement cites (第3.10条, 第3条, 第18届, and set with
// spaces as a PDF's text may be, 第 3 条), no figure, as
// the values check reads a statement (values.CheckStatement). With
// numbersOf's keys, 依据第3条，完成率3.10% wanted 3 and 3.10, and a
// passage's 第3.10条 was marked whole as if it were the rate.
func figuresOf(statement string) numberSet {
	out := numberSet{}
	for i := 0; i < len(statement); {
		start, end, ok := numberAt(statement, i)
		if !ok {
			_, n := utf8.DecodeRuneInString(statement[i:])
			i += n
			continue
		}
		if !afterDi(statement, start) {
			out[textNumberKey(statement, start, end)] = true
		}
		i = end
	}
	return out
}

// termNumbers are the numbers of a query's words, in each of the forms
// the index searches them in (12000人 as 1.2万人 too: index.SearchForms),
// so that a number found in another form than the query's is marked
// whole.
func termNumbers(clauses []index.Clause) numberSet {
	var words []string
	for _, c := range clauses {
		for _, t := range c.Any {
			words = append(words, t.Text)
		}
	}
	return wordNumbers(words...)
}

// wordNumbers are the numbers of query words in each of their search
// forms.
func wordNumbers(words ...string) numberSet {
	texts := slices.Clone(words)
	for _, w := range words {
		texts = append(texts, index.SearchForms(w)...)
	}
	return numbersOf(texts...)
}

// textNumberKey is the number text[s:e] in one form: half-width digits,
// no thousands separators (1,234.5 and １２３４.５ are 1234.5), no
// trailing zeros of a decimal where the index takes them for none of its
// value, read in the text around it (index.TrailingZeros: 96.50% and
// 96.5%, 3.10% and 3.1%, 3.0 and 3: search finds 96.5 in 96.50%, so its
// mark takes the number whole; but not 2024.10, a year and October, nor
// the clause 第3.10条 or 第 3.10 条, which are not 2024.1 and 3.1), and a number
// written in Chinese digit by digit, as years are, in digits (二〇二三
// and 二零二三 are 2023, as search finds them: index.ChineseYears).
func textNumberKey(text string, start, end int) string {
	s := numberKey(text[start:end])
	if strings.Count(s, ".") == 1 && strings.Trim(s, ".0123456789") == "" && index.TrailingZeros(text, start, end) &&
		!spacedClause(text, start, end) {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// spaceRunes are the spaces a text extracted from a PDF may set between
// 第, a clause's number and 条 (第 3.10 条).
const spaceRunes = " \t\u3000\u00a0"

// afterDi reports whether text[:start] ends with 第, spaces allowed after
// it (第3条, 第 3 条): the number at start is a clause or an ordinal.
func afterDi(text string, start int) bool {
	return strings.HasSuffix(strings.TrimRight(text[:start], spaceRunes), "第")
}

// spacedClause reports a clause's number set apart by spaces, after 第 or
// before 条 款 项 章 节 (第 3.10 条), which the index's rule
// (index.TrailingZeros) reads as a clause only when written close: its
// zeros are no decimal's trailing zeros either.
func spacedClause(text string, start, end int) bool {
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[end:], spaceRunes))
	return afterDi(text, start) || strings.ContainsRune("条款项章节", next)
}

// numberKey is the number as written in textNumberKey's form, its
// trailing zeros kept.
func numberKey(number string) string {
	s := strings.ReplaceAll(width.Fold.String(number), ",", "")
	digits := []rune(s)
	for i, r := range digits {
		if r == '零' {
			r = '〇'
		}
		d := slices.Index(chineseDigits, r)
		if d < 0 {
			return s
		}
		digits[i] = '0' + rune(d)
	}
	return string(digits)
}

// chineseDigits are the Chinese digits 0 to 9, as a year is written.
var chineseDigits = []rune("〇一二三四五六七八九")

func isDigitRune(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

func isNumberSepRune(r rune) bool { return r == '.' || r == ',' || r == '．' }

// sepJoins reports whether the separator sep, followed by the text at
// byte off of t, is within a number: a point before a digit, a comma
// before exactly three (1,234 is a number, 1,2 a list).
func sepJoins(sep rune, t string, off int) bool {
	n := 0
	for _, r := range t[off:] {
		if !isDigitRune(r) {
			break
		}
		n++
		if sep != ',' || n > 3 {
			break
		}
	}
	return n > 0 && (sep != ',' || n == 3)
}

// isChineseNumeral reports the characters a number is written with in
// words (七十二, 一千二百, 三万, 壹万贰仟, 兩萬: cnnum.IsNumeral).
func isChineseNumeral(r rune) bool { return cnnum.IsNumeral(r) }

// numberAt is the number that begins at byte i of t, if one does.
func numberAt(t string, i int) (start, end int, ok bool) {
	r, _ := utf8.DecodeRuneInString(t[i:])
	if !isDigitRune(r) && !isChineseNumeral(r) {
		return 0, 0, false
	}
	start, end = numberAround(t, i, r)
	return start, end, true
}

// numberAround is the extent of the number holding the character r at
// byte i of t: a run of digits with the separators between two of them,
// or a run of Chinese numerals.
func numberAround(t string, i int, r rune) (start, end int) {
	in := isChineseNumeral
	if isDigitRune(r) {
		in = func(r rune) bool { return isDigitRune(r) }
	}
	start, end = i, i
	for start > 0 {
		p, n := utf8.DecodeLastRuneInString(t[:start])
		if in(p) {
			start -= n
			continue
		}
		// A separator between two digits is part of the number.
		if isDigitRune(r) && isNumberSepRune(p) && start-n > 0 && sepJoins(p, t, start) {
			if pp, _ := utf8.DecodeLastRuneInString(t[:start-n]); isDigitRune(pp) {
				start -= n
				continue
			}
		}
		break
	}
	for end < len(t) {
		c, n := utf8.DecodeRuneInString(t[end:])
		if in(c) {
			end += n
			continue
		}
		if isDigitRune(r) && isNumberSepRune(c) && end > start && sepJoins(c, t, end+n) {
			{
				end += n
				continue
			}
		}
		break
	}
	return start, end
}

// numberCut is the number that the boundary at byte b of t falls inside
// (ok false when b is not inside one).
func numberCut(t string, b int) (start, end int, ok bool) {
	if b <= 0 || b >= len(t) {
		return 0, 0, false
	}
	before, _ := utf8.DecodeLastRuneInString(t[:b])
	after, _ := utf8.DecodeRuneInString(t[b:])
	for _, r := range []rune{after, before} {
		at := b
		if r == before {
			at = b - utf8.RuneLen(before)
		}
		if !isDigitRune(r) && !isChineseNumeral(r) {
			continue
		}
		if start, end := numberAround(t, at, r); start < b && b < end {
			return start, end, true
		}
	}
	return 0, 0, false
}

// wholeNumbers moves each end of spans that falls inside a number to the
// number's edge: outward, taking it whole, when it is one of want; else
// inward, leaving it out (a span that is then empty is dropped).
func wholeNumbers(pages []string, spans []index.Span, want numberSet) []index.Span {
	out := spans[:0:0]
	for _, sp := range spans {
		if sp.Page < 1 || sp.Page > len(pages) {
			out = append(out, sp)
			continue
		}
		text := pages[sp.Page-1]
		if s, e, ok := numberCut(text, sp.Start); ok {
			if want[textNumberKey(text, s, e)] {
				sp.Start = s
			} else {
				sp.Start = e
			}
		}
		if s, e, ok := numberCut(text, sp.End); ok {
			if want[textNumberKey(text, s, e)] {
				sp.End = e
			} else {
				sp.End = s
			}
		}
		if sp.Start < sp.End {
			out = append(out, sp)
		}
	}
	if len(out) == 0 {
		return literalNumbers(pages, spans, want)
	}
	return out
}

// literalNumbers are the spans that are, as written, one of the numbers
// asked for, though inside a longer number (15 in 1.15万): search finds
// a number's digits as a substring, so a hit found only there would
// otherwise be shown with no mark at all and the reader could not see
// why it was found. Kept only when no whole number is marked.
func literalNumbers(pages []string, spans []index.Span, want numberSet) []index.Span {
	var out []index.Span
	for _, sp := range spans {
		if sp.Page < 1 || sp.Page > len(pages) || sp.Start < 0 || sp.End > len(pages[sp.Page-1]) || sp.Start >= sp.End {
			continue
		}
		if want[textNumberKey(pages[sp.Page-1], sp.Start, sp.End)] {
			out = append(out, sp)
		}
	}
	return out
}
