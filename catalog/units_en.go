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
	"个百分点": "percentage points", "平方米": "m²",
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
// (UnitIn) after a space; a unit without English words follows the
// number as written (85.3%, 7处).
func AmountIn(n float64, unit string, english bool) string {
	if !english {
		return strconv.FormatFloat(n, 'f', -1, 64) + unit
	}
	num, en, named := EnglishParts(n, unit)
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
	for _, s := range []struct {
		scale string
		times float64
	}{{"万", 1e4}, {"亿", 1e8}} {
		if base, ok := strings.CutPrefix(unit, s.scale); ok && base != "" {
			n, unit = n*s.times, base
		}
	}
	en := UnitIn(unit, true)
	if en == unit {
		return EnglishNumber(n), width.Fold.String(unit), false // ％ is %
	}
	return EnglishNumber(n), en, true
}

// EnglishNumber writes n as English readers write numbers: thousands
// separated by commas (123,000, 1,234.5), and from a million up in
// millions or billions when that is exact to three decimals (12.345
// million, 1.5 billion); never with 万 or 亿. The float noise of scaling
// (12.3 × 10,000) is rounded away at six decimals.
func EnglishNumber(n float64) string {
	n = math.Round(n*1e6) / 1e6
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	for _, big := range []struct {
		size, below float64
		word        string
	}{{1e9, math.Inf(1), " billion"}, {1e6, 1e9, " million"}} {
		if n < big.size || n >= big.below {
			continue
		}
		thousandths := n / big.size * 1000
		if math.Abs(thousandths-math.Round(thousandths)) < 1e-6 {
			return sign + strconv.FormatFloat(math.Round(thousandths)/1000, 'f', -1, 64) + big.word
		}
	}
	whole, frac, _ := strings.Cut(strconv.FormatFloat(n, 'f', -1, 64), ".")
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
// The report's value and unit columns hold the two.
func (v *Value) WrittenParts() (number, unit string) {
	if v.Given == "" {
		return strconv.FormatFloat(v.Number, 'f', -1, 64), v.Unit
	}
	if v.Unit == "" {
		return v.Given, ""
	}
	if n, u, ok := v.writtenUnit(); ok {
		return n, u
	}
	return v.Given, v.Unit
}

// TypedEN is the value as its coordinator typed it, told in English: 12,500
// in units of 10,000 people for 12500 typed in 万人 (or as 12500 万 for
// 人), so that an English reader of a unit mismatch sees which scale was
// typed without a 万 in the number; as written (Written) when its number
// is not a plain one.
func (v *Value) TypedEN() string {
	n, u := v.WrittenParts()
	n = strings.TrimSpace(width.Fold.String(n)) // １２５００万 is 12500万
	for _, scale := range []string{"万", "亿"} {
		if m, ok := strings.CutSuffix(n, scale); ok {
			n, u = strings.TrimSpace(m), scale+u
		}
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
	if err != nil {
		return v.Written()
	}
	if en := UnitIn(u, true); en != u {
		return EnglishNumber(f) + " in units of " + en
	}
	return EnglishNumber(f) + " " + u
}
