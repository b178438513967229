package zh

import (
	"bytes"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/internal/cnnum"
	"github.com/lcmonitor/evidence/internal/numread"
)

// Values of numbers. A reader who types a bare number (12000, 1.2万,
// 一万二千) asks for a value, however a document writes it: 12000,
// 12,000, 1.2万, 1.20万, 一万二千人. The n-gram field holds every number
// of a text a second time as one token of its value (ValueToken: #=12000),
// whatever follows it, so that a bare number finds the value written
// another way (index.valueQuery) and never another value: 120 is not
// 1200, nor 1.2万 the 1.2万亿 of 1.2万亿元 or the 12000万 of 12000万元.
// A year (2023, 2023年) has no value token: 2023 is not 两千零二十三;
// four such digits before a unit (2000人, 1998元) are a count and have one.
// Nor has a label in Chinese numerals (十二、, （十二）, 二十大, 十九届).

// Values returns the numbers of rs with their values in Arabic digits:
// numbers in Arabic digits (grouped or not, with decimals) with any 万 or
// 亿 after them (12000, 12,000, 1.2万, 3亿), and those in Chinese numerals
// that ChineseCounts finds before a unit (一万二千人, 1万2千人) or that
// end a clause as it reads them (达一万二千。), in order. Left out are
// four digits that may be a year (2023, 1998; not before another unit:
// 2000人) or a year and October (2024.10, YearMonth) and any number
// before 年, labels in Chinese numerals (十二、,
// （十二）, 二十大, 十九届: labelAfter), a number joined to a Latin letter
// (ISO9001, 5A级: a code) or after 第 (a serial), one with a leading zero
// (0574: a code), a list or a version (1,2 and 1.2.3), a number before a
// per cent sign (3.5%: not 3.5) and one that goes on in Chinese numerals
// (1万2千, 3千: ChineseCounts reads those before a unit), and a rough
// number, read as the values package reads it (rough: the 三十 of 三十多所,
// which is 31 to 39, the 十 of 十多万人, the 300 of 300多万元, the 十万 of
// 近十万人, the 3000 of 约3000人, 突破3000人 and 3000人以上). Digits
// parted by a thousands space or a line break (1 200人,
// 12\n000人) have their joined value too (spacedValue), before each
// group's.
//
// A percentage has a value of its own, its number and a per cent sign
// (82%, PercentValue), written in digits (82%, 82％, 32.5%) or after 百分之
// in Chinese numerals or digits (百分之八十二, 百分之三十二点五), spanning its
// sign or 百分之: so 82% finds 百分之八十二 and the other way round, as 1.2万
// finds 12000. The number of a percentage has no value of its own (82 is
// not 82%), and a rough one (百分之三十多, 约60%, 60%以上) has none.
func Values(rs []rune) []Count { return values(rs, chineseNumbers(rs, true)) }

// values is Values of rs with counts, its numbers in Chinese numerals
// (chineseNumbers, bare).
func values(rs []rune, counts []Count) []Count {
	out := numberValues(rs, counts)
	pcs := percents(rs)
	// A number inside a percentage is part of it, and one after 百分之 is
	// a percentage's even when it is rough (百分之三十多: no 30).
	out = slices.DeleteFunc(out, func(c Count) bool {
		return c.Start >= 3 && string(rs[c.Start-3:c.Start]) == "百分之" ||
			slices.ContainsFunc(pcs, func(p Count) bool { return c.Start < p.End && p.Start < c.End })
	})
	if len(pcs) == 0 {
		return out
	}
	out = append(out, pcs...)
	slices.SortStableFunc(out, func(a, b Count) int { return a.Start - b.Start })
	return out
}

// PercentValue is the value of a percentage of the number n (82, 32.5):
// 82%, as its value token holds it.
func PercentValue(n string) string { return n + "%" }

// percents returns the percentages rs writes (Values): digits before a
// per cent sign (82%, 82％, 32.5%) and a number after 百分之, in Chinese
// numerals or digits (百分之八十二, 百分之三十二点五, 百分之82), not one
// written roughly (百分之三十多, 百分之三十几).
func percents(rs []rune) []Count {
	var out []Count
	for i := 0; i < len(rs); i++ {
		switch {
		case isDigit(rs[i]) && (i == 0 || !isDigit(rs[i-1]) && !isNumberSep(rs[i-1]) && !(rs[i-1] < unicode.MaxASCII && unicode.IsLetter(rs[i-1]))):
			j := i
			for j < len(rs) && (isDigit(rs[j]) || rs[j] == '.' && j+1 < len(rs) && isDigit(rs[j+1])) {
				j++
			}
			if j < len(rs) && (rs[j] == '%' || rs[j] == '％') && (i < 3 || string(rs[i-3:i]) != "百分之") &&
				!numread.RoughAfterSign(rs, j+1) && !numread.Qualified(rs, i, j+1, true, countUnitEnd) {
				if v, ok := arabicValue(rs[:j], i, j, j); ok {
					out = append(out, Count{Start: i, End: j + 1, Number: PercentValue(v)})
				}
			}
			i = j - 1
		case rs[i] == '百' && i+3 < len(rs) && string(rs[i:i+3]) == "百分之" && (i == 0 || rs[i-1] != '负'):
			k := i + 3
			j := k
			for j < len(rs) && (isCNNumeral(rs[j]) || isDigit(rs[j]) || (rs[j] == '点' || rs[j] == '.') && j > k && j+1 < len(rs) && (isCNNumeral(rs[j+1]) || isDigit(rs[j+1]))) {
				j++
			}
			if j == k || numread.RoughAt(rs, j, true) || numread.Qualified(rs, i, j, true, countUnitEnd) {
				continue
			}
			if v, ok := percentNumber(rs[:j], k, j); ok {
				out = append(out, Count{Start: i, End: j, Number: PercentValue(v)})
				i = j - 1
			}
		}
	}
	return out
}

// percentNumber is the number rs[k:j] after 百分之: in digits (82, 32.5),
// one Chinese digit (五), or Chinese numerals (八十二, 三十二点五, 百).
func percentNumber(rs []rune, k, j int) (string, bool) {
	if isDigit(rs[k]) {
		return arabicValue(rs, k, j, j)
	}
	if j-k == 1 {
		if d, ok := cnnum.Digit(rs[k]); ok {
			return strconv.FormatInt(d, 10), true
		}
		if rs[k] == '百' {
			return "100", true
		}
	}
	return ParseChineseNumber(string(rs[k:j]))
}

// numberValues is values but for percentages.
func numberValues(rs []rune, counts []Count) []Count {
	var out []Count
	// The groups of spaced digits read joined (1 200 300人) are read
	// alone after it, not joined again from the second (200 300人).
	runEnd := 0
	for i := 0; i < len(rs); {
		if !numberStart(rs, i) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (isDigit(rs[j]) || isNumberSep(rs[j]) && j+1 < len(rs) && isDigit(rs[j+1])) {
			j++
		}
		k := j
		for k < len(rs) && k-j < 2 && cnnum.BigUnit(rs[k]) != 0 {
			k++
		}
		start := i
		i = j
		var joined Count
		ok := false
		if start >= runEnd {
			if joined, ok = spacedValue(rs, start); ok {
				runEnd = joined.End
			}
		}
		if v, exact := arabicValue(rs, start, j, k); exact && !rough(rs, start, k) || ok {
			for len(counts) > 0 && counts[0].Start < start {
				out = appendValue(out, rs, counts[0])
				counts = counts[1:]
			}
			if ok {
				out = append(out, joined)
			}
			if exact && !rough(rs, start, k) {
				out = append(out, Count{Start: start, End: k, Number: v})
			}
		}
	}
	for _, c := range counts {
		out = appendValue(out, rs, c)
	}
	return out
}

// labelAfter are the characters that make the Chinese numerals before
// them a label, no value: a heading (十二、, 十二．, （十二）) or the name
// of a congress or a term (党的二十大, 十九届).
const labelAfter = "、）)．大届"

// headingMarks are the labelAfter that end a heading: numerals before
// them are a label only when a heading may be numbered so (label).
const headingMarks = "、）)．"

// appendValue appends the count c in Chinese numerals to out as a value,
// unless it is a label.
func appendValue(out []Count, rs []rune, c Count) []Count {
	if rough(rs, c.Start, c.End) || label(rs, c) {
		return out
	}
	return append(out, c)
}

// label reports whether the numerals c are a label, no value: before a
// labelAfter, or after （ or (. Headings are mostly numbered under a
// hundred (一、 to 九十九、, （十二）), so numerals with 百, 千, 万, 亿 or a
// point before a heading mark or in brackets are a value, as in a list
// of figures (分别为一百万、二百万和三百万, （其中线上一点五万）), unless
// they begin a line or a clause as a heading does (longHeading); before
// 大 or 届 they stay a label (党的二十大, 十九届).
func label(rs []rune, c Count) bool {
	after := c.End < len(rs) && strings.ContainsRune(labelAfter, rs[c.End])
	bracketed := c.Start > 0 && (rs[c.Start-1] == '（' || rs[c.Start-1] == '(')
	if !after && !bracketed {
		return false
	}
	if after && !strings.ContainsRune(headingMarks, rs[c.End]) {
		return true
	}
	return longHeading(rs, c) || !slices.ContainsFunc(rs[c.Start:c.End], func(r rune) bool {
		return r == '点' || r == '.' || cnnum.SmallUnit(r) >= 100 || cnnum.BigUnit(r) != 0
	})
}

// longHeading reports whether the numerals c, with 百 or 千 and no 万, 亿
// or point, number a heading of a list of a hundred items or more
// (一百、组织保障, （一百零一）其他): at a line's or a clause's start, a
// heading mark after them and words, not another figure, after it. A
// figure in a list comes after a verb, ：, 为 or 、 (分别为：一百、二百),
// and a heading's number never holds 万.
func longHeading(rs []rune, c Count) bool {
	if c.End >= len(rs) || !strings.ContainsRune(headingMarks, rs[c.End]) {
		return false
	}
	if slices.ContainsFunc(rs[c.Start:c.End], func(r rune) bool { return r == '点' || r == '.' || cnnum.BigUnit(r) != 0 }) {
		return false
	}
	start := c.Start
	if start > 0 && (rs[start-1] == '（' || rs[start-1] == '(') {
		start--
	}
	for start > 0 && (rs[start-1] == ' ' || rs[start-1] == '\t' || rs[start-1] == '\u3000') {
		start--
	}
	if start > 0 && !strings.ContainsRune("\n\r。；;！!？?", rs[start-1]) {
		return false
	}
	next := c.End + 1
	for next < len(rs) && unicode.IsSpace(rs[next]) && rs[next] != '\n' {
		next++
	}
	return next < len(rs) && unicode.Is(unicode.Han, rs[next]) && !cnnum.IsNumeral(rs[next])
}

// rough reports whether the number rs[start:end] is written roughly, as
// the values package reads it (numread): with a 多, 余 or 几 after it
// (三十多所 is 31 to 39, 300多万元, 十几万), or with a word that bounds or
// approximates it before it or after it or its unit (numread.Qualified:
// 近十万人, 约3000人, 突破3000人, 不少于3000人, 3000人以上, 3000人左右). It
// is no one value, so it holds none: a bare 30 does not find 三十多所,
// which 三十 finds as text, nor 三千 约3000人, which 3000 finds as text.
func rough(rs []rune, start, end int) bool {
	return numread.RoughAt(rs, end, false) || numread.Qualified(rs, start, end, false, countUnitEnd)
}

// countUnitEnd is where the measure word a count is written with at
// rs[j] ends (人, 人次, 所, 个: numread.MeasureWords, with a 次 after it),
// j when there is none: the unit a qualifier after a figure may follow
// (3000人以上, 三百所以上, 5000人次左右).
func countUnitEnd(rs []rune, j int) int {
	if j < len(rs) && strings.ContainsRune(numread.MeasureWords, rs[j]) {
		j++
		if j < len(rs) && rs[j] == '次' {
			j++
		}
	}
	return j
}

// spacedValue is the number at rs[i:] whose digits are parted by a
// thousands space or a line break (1 200人, 12\n000人: numread.SpacedDigits)
// read joined, with any 万 or 亿 after it, when it holds one that is no
// rough number; its groups hold their own values too, as the values
// package reads such a number both ways. Its unit is any character that
// may be one (hasUnit), or none at the end of the text.
func spacedValue(rs []rune, i int) (Count, bool) {
	digits, j := numread.SpacedDigits(rs, i, hasUnit)
	if digits == "" {
		return Count{}, false
	}
	k := j
	for k < len(rs) && k-j < 2 && cnnum.BigUnit(rs[k]) != 0 {
		k++
	}
	// The joined digits read as Values reads digits written so.
	joined := append([]rune(digits), rs[j:]...)
	v, ok := arabicValue(joined, 0, len([]rune(digits)), len([]rune(digits))+k-j)
	if !ok || rough(rs, i, k) {
		return Count{}, false
	}
	return Count{Start: i, End: k, Number: v}, true
}

// arabicValue is the value of the number in Arabic digits rs[start:end]
// with the 万 or 亿 of rs[end:k] after it, as Values reads it.
func arabicValue(rs []rune, start, end, k int) (string, bool) {
	if end-start > 2*cnnum.MaxDigits {
		return "", false // no number: reading it would cost its length
	}
	if start > 0 && (rs[start-1] == '第' || rs[start-1] < unicode.MaxASCII && unicode.IsLetter(rs[start-1])) {
		return "", false
	}
	if k < len(rs) && (rs[k] == '年' || rs[k] == '%' || rs[k] == '‰' || rs[k] == '点' ||
		isDigit(rs[k]) || cnnum.IsNumeral(rs[k]) || rs[k] < unicode.MaxASCII && unicode.IsLetter(rs[k])) {
		return "", false
	}
	// The digits without separators, read once: most numbers are short
	// and plain, and a text has many.
	var buf [2 * cnnum.MaxDigits]byte
	n := buf[:0]
	point, commas, sinceComma, whole := -1, false, 0, 0
	for _, r := range rs[start:end] {
		switch {
		case r == '.':
			if point >= 0 || commas && sinceComma != 3 {
				return "", false // a version (1.2.3) or a list (1,2.5)
			}
			point = len(n)
			n = append(n, '.')
		case r == ',':
			if point >= 0 || commas && sinceComma != 3 || !commas && (whole == 0 || whole > 3) {
				return "", false // a list: 1,2 or 1234,5
			}
			commas, sinceComma = true, 0
		default:
			n = append(n, byte(r))
			sinceComma++
			if point < 0 {
				whole++
			}
		}
	}
	if commas && (point < 0 && sinceComma != 3) {
		return "", false
	}
	if whole > 1 && n[0] == '0' || whole > cnnum.MaxDigits {
		return "", false // a code (0574), or no number
	}
	if point < 0 && !commas && k == end && !hasUnit(rs, k) && whole == 4 &&
		(n[0] == '1' && n[1] == '9' || n[0] == '2' && n[1] == '0') {
		return "", false // may be a year: 2023, 2023年; not 2000人
	}
	if k == end && (k == len(rs) || rs[k] != '元') && YearMonth(string(n)) {
		return "", false // a year and October, 2024.10完成: not 2024.1; 2024.10元 is money
	}
	shift := 0
	switch string(rs[end:k]) {
	case "":
	case "万":
		shift = 4
	case "亿":
		shift = 8
	case "万亿":
		shift = 12
	default:
		return "", false // 万万, 亿亿 and 亿万 are no number
	}
	// The point moved shift places right (1.2万 is 12000), without the
	// zeros that begin the whole part or end the decimals (0.5万 is 5000,
	// 1.20 is 1.2).
	digits := bytes.ReplaceAll(n, []byte("."), nil)
	for len(digits) < whole+shift {
		digits = append(digits, '0')
	}
	intPart, frac := bytes.TrimLeft(digits[:whole+shift], "0"), bytes.TrimRight(digits[whole+shift:], "0")
	if len(intPart) == 0 {
		intPart = []byte("0")
	}
	if len(intPart) > cnnum.MaxDigits {
		return "", false
	}
	if len(frac) == 0 {
		return string(intPart), true
	}
	return string(intPart) + "." + string(frac), true
}

// GroupThousands puts a comma between every three digits of an integer
// written without them, from the right.
func GroupThousands(digits string) string {
	var b strings.Builder
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// NumberString writes v in Arabic digits, without thousands separators
// and without trailing zeros after its point (12000, 1.25), as count and
// value tokens hold numbers.
func NumberString(v *big.Rat) string {
	if v.IsInt() {
		return v.Num().String()
	}
	return strings.TrimRight(v.FloatString(12), "0")
}

// BareValue returns the value of word when word is a bare number, no
// more (12000, 12,000, 1.2万, 一万二千, 两千零二十三), and true; false for
// a number with a unit or words, a year (2023: Values), and a Chinese
// numeral alone (十, 万).
func BareValue(word string) (string, bool) {
	rs := []rune(strings.TrimSpace(word))
	if len(rs) == 0 {
		return "", false
	}
	if vs := Values(rs); len(vs) == 1 && vs[0].Start == 0 && vs[0].End == len(rs) {
		return vs[0].Number, true
	}
	if len(rs) < 2 || len(rs) > maxCountRunes || cnnum.LastFinancial(rs) >= 0 {
		return "", false
	}
	for _, r := range rs {
		if !isCNNumeral(r) && r != '点' {
			return "", false
		}
	}
	return ParseChineseNumber(string(rs))
}

// ValueToken is the n-gram token of a number's value: #= and the value in
// Arabic digits (#=12000). No pair, marked pair or count token is one.
func ValueToken(number string) []byte {
	return []byte("#=" + number)
}

// unitAfter are the characters that make another unit of the unit right
// before them: 课时 is not 课, nor 千瓦时 千瓦 or 万亿 万 (timesUnits: 人次
// is not 人).
var unitAfter = map[rune]string{'课': "时", '瓦': "时", '万': "亿"}

// timesUnits are the measure words that 次 after them makes a count of
// times, another measure (人次 person-times, 户次, 件次, 项次, 班次, 车次,
// 架次, 篇次, 册次). Not 场, 批 or 期: 342场次 is 342场 (sessions), as the
// quality set has it (bench/queries/quality.tsv).
const timesUnits = "人户件项班车架门篇册家所校份台辆艘位"

// UnitNotNext returns the characters that must not follow a word that
// ends with a number's unit (12000人, 1.2万人, 12000余人, 120户, 1.2万):
// those that make its unit another one (次 after 人: 12000人次 counts
// person-times, not people; 亿 after 万). "" for any other word.
func UnitNotNext(word string) string {
	rs := []rune(word)
	if len(rs) < 2 {
		return ""
	}
	u := rs[len(rs)-1]
	next := unitAfter[u]
	if strings.ContainsRune(timesUnits, u) {
		next = "次"
	}
	if next == "" {
		return ""
	}
	before := rs[len(rs)-2]
	if isDigit(before) || isCNNumeral(before) {
		return next
	}
	if u == '万' {
		return ""
	}
	// 余 or 多 between the number and its unit: 12000余人, 一万多人.
	if (before == '余' || before == '多') && len(rs) > 2 && (isDigit(rs[len(rs)-3]) || isCNNumeral(rs[len(rs)-3])) {
		return next
	}
	return ""
}
