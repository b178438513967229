package index

import (
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// wanForms returns the other ways a query word's count may be written
// with 万 or 亿 or counted out: 12000人 is also 1.2万人, 1.2万人 also
// 12000人, 1.2亿元 also 120000000元 and 12000万元. Documents write
// both, and the index holds the digits as written, so each form is
// searched (numberForms then groups their thousands). Only a word with
// exactly one such number, right before its unit (a Han character that
// is no 万, 亿, 千, 百 or 年), has them: a bare number (1.2万 may be
// the start of 1.2万亿, 12000 of 12000万) and a year have none. A number
// is written in 万 from 1,000 and in 亿 from 100,000,000, with at most
// two decimals in 万 and four in 亿 (1.25万, 0.5万, 0.12万, 1.2345亿), as
// documents write them; a form that is the word itself is left out.
func wanForms(word string) []string {
	w := width.Fold.String(word)
	n, ok := countBeforeUnit(w)
	if !ok {
		return nil
	}
	var out []string
	add := func(number string) {
		if number != strings.ReplaceAll(w[n.start:n.end], ",", "") {
			out = append(out, w[:n.start]+number+w[n.end:])
		}
	}
	if n.value.IsInt() {
		add(n.value.FloatString(0))
	}
	if s, ok := scaledBy(n.value, 8, 4); ok {
		add(s + "亿")
	}
	if s, ok := scaledBy(n.value, 4, 2); ok {
		add(s + "万")
	} else if s, ok := underWan(n.value); ok {
		add(s + "万")
	}
	return out
}

// underWan writes a count of at least a thousand and under 万 in 万, as
// documents do with one or two decimals (5000 is 0.5万, 1200 is 0.12万);
// false for any other count (1250 would be 0.125万, which nobody writes).
func underWan(v *big.Rat) (string, bool) {
	if v.Cmp(big.NewRat(1000, 1)) < 0 || v.Cmp(big.NewRat(10000, 1)) >= 0 {
		return "", false
	}
	q := new(big.Rat).Quo(v, pow10(4))
	if !new(big.Rat).Mul(q, pow10(2)).IsInt() {
		return "", false
	}
	return strings.TrimRight(q.FloatString(2), "0"), true
}

// wanNumber is a number in a word, byte offsets, with its 万 or 亿.
type wanNumber struct {
	start, end int
	value      *big.Rat
}

// countBeforeUnit finds the one number of w right before its unit: Arabic
// digits (grouped or not, with decimals) with any 万 or 亿, not joined to a
// Latin letter before it (a code: ISO12000); false when w has none or
// more than one, or a number with a leading zero (012000) or a serial
// (第12000期).
func countBeforeUnit(w string) (wanNumber, bool) {
	var found []wanNumber
	for i := 0; i < len(w); {
		if !isASCIIDigit(w[i]) || i > 0 && (isASCIIDigit(w[i-1]) || w[i-1] == '.' || w[i-1] == ',' || isASCIILetter(w[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(w) && (isASCIIDigit(w[j]) || (w[j] == '.' || w[j] == ',') && j+1 < len(w) && isASCIIDigit(w[j+1])) {
			j++
		}
		digits := w[i:j]
		if len(digits) > 1 && digits[0] == '0' && isASCIIDigit(digits[1]) || strings.HasSuffix(w[:i], "第") {
			// A number with a leading zero (012000人) keeps its one form,
			// and a serial (第12000期) counts nothing.
			return wanNumber{}, false
		}
		i = j
		intPart, _, _ := strings.Cut(digits, ".")
		if strings.Contains(intPart, ",") && groupThousands(strings.ReplaceAll(intPart, ",", "")) != intPart ||
			strings.Count(digits, ".") > 1 || strings.Contains(digits[strings.Index(digits+".", "."):], ",") {
			continue // a list (1,2) or a version (1.2.3), not a number
		}
		exp := 0
		if r, size := utf8.DecodeRuneInString(w[j:]); r == '万' || r == '亿' {
			exp = map[rune]int{'万': 4, '亿': 8}[r]
			j += size
		}
		if r, _ := utf8.DecodeRuneInString(w[j:]); j == len(w) || !unicode.Is(unicode.Han, r) || strings.ContainsRune("万亿千百年", r) {
			continue
		}
		v, ok := new(big.Rat).SetString(strings.ReplaceAll(digits, ",", ""))
		if !ok {
			continue
		}
		found = append(found, wanNumber{start: i - len(digits), end: j, value: v.Mul(v, pow10(exp))})
	}
	if len(found) != 1 {
		return wanNumber{}, false
	}
	return found[0], true
}

// scaledBy writes v in units of 10^exp (万 for 4, 亿 for 8) with at most
// decimals decimals, when v is at least one such unit.
func scaledBy(v *big.Rat, exp, decimals int) (string, bool) {
	q := new(big.Rat).Quo(v, pow10(exp))
	if q.Cmp(big.NewRat(1, 1)) < 0 || !new(big.Rat).Mul(q, pow10(decimals)).IsInt() {
		return "", false
	}
	s := q.FloatString(decimals)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s, true
}

func pow10(n int) *big.Rat {
	return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
}
