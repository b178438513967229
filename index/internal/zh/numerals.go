package zh

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/internal/cnnum"
	"github.com/lcmonitor/evidence/internal/numread"
)

// Counts in Chinese numerals. Documents write a count in Chinese numerals
// (一万二千人, 两万人, 十二万人次, 一点二万人) or half in Arabic digits
// (1万2千人), and a reader searching types it in digits (12000人, 1.2万人):
// the n-gram field holds each such count a second time as one token, its
// number in Arabic digits and the character after it (CountToken:
// #12000人), at the position of the pair that ends at that character, so
// that a query word that starts with a count finds it whatever the
// writing (index.newCountQuery).

// maxCountRunes bounds a count (cnnum.MaxRunes): a longer run of
// numerals is no count, and reading it would cost time that grows with
// its length (a crafted 一亿亿…亿人).
const maxCountRunes = cnnum.MaxRunes

// vagueBefore are the characters but 几 and 数 (numread.VagueHead: 几十万人,
// 数十人; not the 数 of 人数十万) that make the numerals after them no one
// number when those start with a multiplier of a hundred or more, or
// with 十 before 万 or 亿 (成百上千, 成千上万, 上十万: vaguePlace); the
// count after the 成 or 上 of a word is one (建成十个, 形成十几个, 以上十项).
const vagueBefore = "成上"

// vaguePlace reports whether rs[start-1] is a vagueBefore that makes the
// numerals from rs[start] no one number (成百, 上千, 上十万).
func vaguePlace(rs []rune, start int) bool {
	if start == 0 || !strings.ContainsRune(vagueBefore, rs[start-1]) {
		return false
	}
	if strings.ContainsRune("百千万亿佰仟", rs[start]) {
		return true
	}
	return rs[start] == '十' && start+1 < len(rs) && strings.ContainsRune("万亿", rs[start+1])
}

// tenUnits are the measure words after which a lone 十 is a count (十人,
// 十多个, 十项): after any other character it is part of a word (十分,
// 十足, 十全十美).
const tenUnits = "人个名位家所座处场次项期批支户门节课本册" +
	"部篇件套台辆种类条届天周岁元亩多余来几"

func isCNNumeral(r rune) bool { return cnnum.IsNumeral(r) }

// Count is a count a text writes at least partly in Chinese numerals,
// before a unit: runes [Start, End) of the text are the numerals and
// Number is their value in Arabic digits (12000, 1.25).
type Count struct {
	Start, End int
	Number     string
}

// ChineseCounts finds the counts of rs written at least partly in Chinese
// numerals with a multiplier or 点 among them (十 百 千 万 亿: 一万二千,
// 两万, 十二, 1万2千, 一点二万, 3千), or one numeral alone before a
// measure word (八所, 两个: numread.LoneCount), right before a Chinese character that
// may be their unit, as index.wanForms reads a count in Arabic digits:
// any but 年 (十二年 is as often a span as a count) and the numerals. A
// number written digit by digit (二〇二四年, 一二级) is no count here, nor
// a serial (第一百二十期), nor numerals that read as no number (三四十,
// 万一), nor a number in Arabic digits with 万 or 亿 alone (1.2万, which
// the text's own pairs hold), nor numerals after a Latin letter, or a
// point or comma after a digit (A3千, 1,2千: part of something else), nor
// vague ones (几十万, 数十: vagueBefore), nor a lone 十 before no measure
// word (十分: tenUnits).
func ChineseCounts(rs []rune) []Count { return chineseNumbers(rs, false) }

// chineseNumbers is ChineseCounts, and with bare true also the numbers
// written so at the end of a clause, before no character that may be a
// unit (达一万二千。, 共一万二千, 二十: not 二十A).
func chineseNumbers(rs []rune, bare bool) []Count {
	var out []Count
	for i := 0; i < len(rs); {
		if !isCNNumeral(rs[i]) && !isDigit(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (isCNNumeral(rs[j]) || isDigit(rs[j]) ||
			(rs[j] == '点' || rs[j] == '.') && j > i && j+1 < len(rs) && (isCNNumeral(rs[j+1]) || isDigit(rs[j+1]))) {
			j++
		}
		start := i
		i = j
		if j-start > maxCountRunes {
			continue
		}
		// Financial numerals make a count only written wholly so
		// (壹万贰仟): one next to common numerals is part of a word
		// (教师队伍十万人, 登陆十万次), and the count starts after it.
		if k := cnnum.LastFinancial(rs[start:j]); k >= 0 {
			start += k + 1
			if start == j {
				continue
			}
		}
		if !hasUnit(rs, j) && (!bare || !bareEnd(rs, start, j)) {
			continue
		}
		if vaguePlace(rs, start) || start > 0 && numread.VagueHead(rs, start-1) {
			continue // 几十万人, 数十人, 成百: no one number
		}
		lone10 := j-start == 1 && (rs[start] == '十' || rs[start] == '拾')
		if lone10 && (j == len(rs) || !strings.ContainsRune(tenUnits, rs[j])) {
			continue // 十分重视, 十足, 十全十美
		}
		if start > 0 && (rs[start-1] == '第' ||
			rs[start-1] < unicode.MaxASCII && unicode.IsLetter(rs[start-1])) ||
			start > 1 && (rs[start-1] == '.' || rs[start-1] == ',') && isDigit(rs[start-2]) {
			continue
		}
		if v, ok := ParseChineseNumber(string(rs[start:j])); ok {
			out = append(out, Count{Start: start, End: j, Number: v})
		} else if j-start == 1 && numread.LoneCount(rs, start) {
			// 分校八所 counts 8, as values reads it.
			d, _ := cnnum.Digit(rs[start])
			out = append(out, Count{Start: start, End: j, Number: strconv.FormatInt(d, 10)})
		}
	}
	return out
}

// bareEnd reports whether the numerals rs[start:j] end a clause as a
// value: the text ends there or goes on with no character that may be a
// unit, a letter, a digit or a per cent sign, and they are no share
// (百分之七十二: a per cent).
func bareEnd(rs []rune, start, j int) bool {
	if j < len(rs) && (unicode.Is(unicode.Han, rs[j]) || rs[j] == '%' || rs[j] == '‰' ||
		rs[j] < unicode.MaxASCII && (unicode.IsLetter(rs[j]) || isDigit(rs[j]))) {
		return false
	}
	before := string(rs[max(0, start-3):start])
	return before != "百分之" && before != "千分之"
}

// hasUnit reports whether rs[j], after a number, may be its unit: a
// Chinese character but 年 (a span or a year) and 点 (a point).
func hasUnit(rs []rune, j int) bool {
	return j < len(rs) && unicode.Is(unicode.Han, rs[j]) && rs[j] != '年' && rs[j] != '点'
}

// ParseChineseNumber reads a number written at least partly in Chinese
// numerals, with a multiplier or 点 among them (一万二千, 两万, 十二, 1万2千,
// 一点二万, 三点五, 3千, 壹万贰仟), and returns it in Arabic digits (12000,
// 1.25), without thousands separators; false for anything else,
// including a number written digit by digit (二〇二四), in Arabic digits
// with 万 or 亿 alone (1.2万) and numerals that read as no one number
// (三四十, 万一, 一万万, 一亿亿), nor one longer than cnnum.MaxRunes or
// with more than cnnum.MaxDigits digits.
func ParseChineseNumber(s string) (string, bool) {
	rs := []rune(s)
	chinese, multiplier := false, false
	for _, r := range rs {
		_, d := cnnum.Digit(r)
		small := cnnum.SmallUnit(r) != 0
		chinese = chinese || d || small
		multiplier = multiplier || small || cnnum.BigUnit(r) != 0 || r == '点'
	}
	if !chinese || !multiplier {
		return "", false
	}
	v, ok := cnnum.Value(rs)
	if !ok {
		return "", false
	}
	return NumberString(v), true
}

// CountToken is the n-gram token of a count: # and its number in Arabic
// digits, then the character after it (#12000人). It is longer than any
// pair, so no pair of a text or a query is one.
func CountToken(number string, next rune) []byte {
	return []byte("#" + number + string(next))
}
