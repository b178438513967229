package catalog

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// unitNamesEN are the English words of the units of the indicators in the
// frameworks in use; a unit without words here (%, or a framework's own)
// is shown as the framework writes it in English too.
var unitNamesEN = map[string]string{
	"个": "count", "人": "people", "人次": "attendances", "万人": "10,000 people", "万人次": "10,000 attendances",
	"元": "yuan", "万元": "10,000 yuan", "亿元": "100 million yuan", "元/人": "yuan per person",
	"册": "volumes", "册/人": "volumes per person", "年": "years", "天": "days", "小时": "hours", "学时": "study hours",
	"场": "events", "次": "times", "所": "institutions", "家": "organisations", "项": "items", "门": "courses",
	"个百分点": "percentage points", "个千分点": "per-mille points", "平方米": "m²",
}

// UnitIn is an indicator's unit in a page's or report's language: in
// English its English words (元/人 is "yuan per person"), as written when
// it has none or in Chinese. The web pages and the report name units by it.
func UnitIn(unit string, english bool) string {
	if en, ok := unitNamesEN[width.Fold.String(unit)]; ok && english {
		return en
	}
	return unit
}

// WrittenIn is the value as its coordinator wrote it (Written) in
// Chinese: 12.3万人, 56.5%; in English its number in English form with
// its unit's English words (AmountIn): 123,000 people, 12.345 million
// attendances, 56.5%, so that no 万 or 亿 is left inside an English
// number. The values page and the report show a value by it.
func (v *Value) WrittenIn(english bool) string {
	if !english {
		return v.Written()
	}
	return AmountIn(v.Number, v.Unit, true)
}

// AmountIn is a number in unit in a page's or report's language. In
// Chinese it is the number and the unit as they are (7000人). In English
// a unit counted in 万 or 亿 (万人次, 亿元) is counted out in its base unit
// (1234.5万人次 is 12,345,000 attendances), the number is written with
// thousands separators, or in millions or billions when that is exact to
// three decimals (EnglishNumber), and the unit is named in English
// (UnitIn) after a space, but for 个, a count of the indicator's own
// things (25); a unit without English words follows the number as
// written (85.3%, 7处).
func AmountIn(n float64, unit string, english bool) string {
	if !english {
		return strconv.FormatFloat(n, 'f', -1, 64) + unit
	}
	num, en, named := EnglishParts(n, unit)
	if named && en == unitNamesEN["个"] {
		return num // 25 个 is 25 things of the indicator's kind, not "25 count"
	}
	if named {
		return num + " " + en
	}
	return num + en
}

// EnglishParts are a number in unit as AmountIn writes it in English: the
// number in English form, counted out of 万 or 亿 (12.345 million for
// 1234.5 万人次), and its unit's English words (attendances; named true),
// or, for a unit without any, the unit without its 万 or 亿 (%, 处). The
// report's value and unit columns hold the two.
func EnglishParts(n float64, unit string) (number, unitEN string, named bool) {
	n, unit = BaseAmount(n, unit)
	en := UnitIn(unit, true)
	if en == unit {
		return EnglishNumber(n), width.Fold.String(unit), false // ％ is %
	}
	return EnglishNumber(n), en, true
}

// BaseAmount is a number in unit counted out of the unit's 万 or 亿 (万亿
// too) into its base unit: 12,345,000 and 人次 for 1234.5 万人次, the
// float noise of scaling rounded away at fifteen significant digits; a
// unit without a scale as it is. The English report's value cells hold
// the number, so that they sum and sort.
func BaseAmount(n float64, unit string) (float64, string) {
	scaled := false
	for _, s := range []struct {
		scale string
		times float64
	}{{"万", 1e4}, {"亿", 1e8}} {
		if base, ok := strings.CutPrefix(unit, s.scale); ok && base != "" {
			n, unit, scaled = n*s.times, base, true
		}
	}
	if scaled && !math.IsInf(n, 0) && !math.IsNaN(n) {
		n, _ = strconv.ParseFloat(strconv.FormatFloat(n, 'g', 15, 64), 64)
	}
	return n, unit
}

// EnglishNumber writes n as English readers write numbers: thousands
// separated by commas (123,000, 1,234.5), and from a million up to below
// a trillion in millions or billions when that is exact to three decimals
// (12.345 million, 1.5 billion); from a trillion up in plain digits;
// never with 万 or 亿. The float noise of scaling (12.3 × 10,000) is
// rounded away at fifteen significant digits, so a small number stays
// (0.0000004), and zero has no sign. Infinity and NaN, which no value
// holds, are written ∞, -∞ and NaN.
func EnglishNumber(n float64) string {
	switch {
	case math.IsNaN(n):
		return "NaN"
	case math.IsInf(n, 1):
		return "∞"
	case math.IsInf(n, -1):
		return "-∞"
	}
	n, _ = strconv.ParseFloat(strconv.FormatFloat(n, 'g', 15, 64), 64)
	sign := ""
	switch {
	case n < 0:
		sign, n = "-", -n
	case n == 0:
		n = 0 // not -0
	}
	whole, frac, _ := strings.Cut(strconv.FormatFloat(n, 'f', -1, 64), ".")
	// In millions (billions) when exact to three decimals: a whole number
	// whose last three (six) digits are zeros, told on its decimal digits,
	// so that no fraction is lost to a float's rounding.
	for _, big := range []struct {
		digits int
		word   string
	}{{9, " billion"}, {6, " million"}} {
		if frac != "" || len(whole) <= big.digits || len(whole) > big.digits+3 || whole[len(whole)-big.digits+3:] != strings.Repeat("0", big.digits-3) {
			continue
		}
		head, thousandths := whole[:len(whole)-big.digits], strings.TrimRight(whole[len(whole)-big.digits:len(whole)-big.digits+3], "0")
		if thousandths != "" {
			head += "." + thousandths
		}
		return sign + head + big.word
	}
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// WrittenParts splits the value as written (Written) into its number as
// the coordinator wrote it and the unit that follows it: 12.3万 and 人 for
// 12.3万 typed for 人 (or 12.3万人 typed), 12345000 and 人次 for 12345000人次
// typed for 万人次; the stored number and unit when nothing was written.
// Full-width forms are half-width, as Written shows them. The report's
// value and unit columns hold the two.
func (v *Value) WrittenParts() (number, unit string) {
	if v.Given == "" {
		return strconv.FormatFloat(v.Number, 'f', -1, 64), v.Unit
	}
	if v.Unit == "" {
		return halfWidth(v.Given), ""
	}
	if n, u, ok := v.writtenUnit(); ok {
		return halfWidth(n), halfWidth(u)
	}
	return halfWidth(v.Given), v.Unit
}

// TypedEN is the value as its coordinator typed it, told in English: 12,500
// in units of 10,000 people for 12500 typed in 万人 (or as 12500 万 for
// 人), so that an English reader of a unit mismatch sees which scale was
// typed without a 万 in the number. A scale the unit has no English words
// for is counted into the number: 3万亿 typed for 元 is 30,000 in units
// of 100 million yuan, 7万 for 处 is 70,000处 (as AmountIn writes it). As
// written (Written) when its number is not a plain one.
func (v *Value) TypedEN() string {
	n, u := v.WrittenParts()
	n = strings.TrimSpace(width.Fold.String(n)) // １２５００万 is 12500万
	for cut := true; cut; {
		cut = false
		for _, scale := range []string{"万", "亿"} {
			if m, ok := strings.CutSuffix(n, scale); ok {
				n, u, cut = strings.TrimSpace(m), scale+u, true
			}
		}
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
	if err != nil {
		return v.Written()
	}
	for {
		if en := UnitIn(u, true); en != u {
			return EnglishNumber(f) + " in units of " + en
		}
		if base, ok := strings.CutPrefix(u, "万"); ok {
			f, u = f*1e4, base
		} else if base, ok := strings.CutPrefix(u, "亿"); ok {
			f, u = f*1e8, base
		} else {
			return AmountIn(f, u, true)
		}
	}
}
