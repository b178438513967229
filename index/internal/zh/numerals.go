package zh

import (
	"math/big"
	"strings"
	"unicode"
)

// Counts in Chinese numerals. Documents write a count in Chinese numerals
// (一万二千人, 两万人, 十二万人次, 一点二万人) or half in Arabic digits
// (1万2千人), and a reader searching types it in digits (12000人, 1.2万人):
// the n-gram field holds each such count a second time as one token, its
// number in Arabic digits and the character after it (CountToken:
// #12000人), at the position of the pair that ends at that character, so
// that a query word that starts with a count finds it whatever the
// writing (index.countQuery).

// cnDigitValues are the Chinese digits, 〇 to 九, the financial ones (壹)
// and the traditional 兩 (folding makes it 两, but a query word may not
// be folded yet).
var cnDigitValues = map[rune]int64{
	'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
}

// cnSmallUnits are the multipliers within a section of four digits.
var cnSmallUnits = map[rune]int64{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

// cnBigUnits are the multipliers of a section: 万 and 亿.
var cnBigUnits = map[rune]int64{'万': 1e4, '萬': 1e4, '亿': 1e8, '億': 1e8}

// maxCountRunes and maxCountDigits bound a count: a longer run of
// numerals, or one whose number has more digits before its point, is no
// count (no real count is written so), and reading it would cost time
// that grows with its length (a crafted 一亿亿…亿人).
const (
	maxCountRunes  = 20
	maxCountDigits = 20
)

// vagueBefore are the characters that make the numerals after them no
// one number (几十万人, 数十人, 成百, 上十万).
const vagueBefore = "几幾数數成上"

// tenUnits are the measure words after which a lone 十 is a count (十人,
// 十多个, 十项): after any other character it is part of a word (十分,
// 十足, 十全十美).
const tenUnits = "人个名位家所座处场次项期批支户门节课本册部篇件套台辆种类条届天周岁元亩多余来几"

func isCNNumeral(r rune) bool {
	if r < '〇' {
		return false // most of a text: ASCII, punctuation
	}
	_, d := cnDigitValues[r]
	_, s := cnSmallUnits[r]
	_, b := cnBigUnits[r]
	return d || s || b
}

// Count is a count a text writes at least partly in Chinese numerals,
// before a unit: runes [Start, End) of the text are the numerals and
// Number is their value in Arabic digits (12000, 1.25).
type Count struct {
	Start, End int
	Number     string
}

// ChineseCounts finds the counts of rs written at least partly in Chinese
// numerals with a multiplier or 点 among them (十 百 千 万 亿: 一万二千,
// 两万, 十二, 1万2千, 一点二万, 3千), right before a Chinese character that
// may be their unit, as index.wanForms reads a count in Arabic digits:
// any but 年 (十二年 is as often a span as a count) and the numerals. A
// number written digit by digit (二〇二四年, 一二级) is no count here, nor
// a serial (第一百二十期), nor numerals that read as no number (三四十,
// 万一), nor a number in Arabic digits with 万 or 亿 alone (1.2万, which
// the text's own pairs hold), nor numerals after a Latin letter, or a
// point or comma after a digit (A3千, 1,2千: part of something else), nor
// vague ones (几十万, 数十: vagueBefore), nor a lone 十 before no measure
// word (十分: tenUnits).
func ChineseCounts(rs []rune) []Count {
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
		if k := lastFinancial(rs[start:j]); k >= 0 {
			start += k + 1
			if start == j {
				continue
			}
		}
		if j >= len(rs) || !unicode.Is(unicode.Han, rs[j]) || rs[j] == '年' || rs[j] == '点' {
			continue
		}
		if start > 0 && strings.ContainsRune(vagueBefore, rs[start-1]) {
			continue // 几十万人, 数十人: no one number
		}
		if j-start == 1 && (rs[start] == '十' || rs[start] == '拾') && !strings.ContainsRune(tenUnits, rs[j]) {
			continue // 十分重视, 十足, 十全十美
		}
		if start > 0 && (rs[start-1] == '第' || rs[start-1] < unicode.MaxASCII && unicode.IsLetter(rs[start-1])) ||
			start > 1 && (rs[start-1] == '.' || rs[start-1] == ',') && isDigit(rs[start-2]) {
			continue
		}
		if v, ok := ParseChineseNumber(string(rs[start:j])); ok {
			out = append(out, Count{Start: start, End: j, Number: v})
		}
	}
	return out
}

// isFinancial reports whether r is a financial numeral (壹 to 玖, 拾 佰 仟).
func isFinancial(r rune) bool {
	switch r {
	case '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟':
		return true
	}
	return false
}

// lastFinancial is the index of the last financial numeral in a run that
// mixes them with common numerals or Arabic digits (伍十二), -1 if the run
// has none or is written wholly in them (壹万零伍佰).
func lastFinancial(run []rune) int {
	last, common := -1, false
	for k, r := range run {
		switch {
		case isFinancial(r):
			last = k
		case r == '零' || r == '〇' || r == '点' || r == '.' || cnBigUnits[r] != 0:
		default:
			common = true
		}
	}
	if !common {
		return -1
	}
	return last
}

// ParseChineseNumber reads a number written at least partly in Chinese
// numerals, with a multiplier or 点 among them (一万二千, 两万, 十二, 1万2千,
// 一点二万, 三点五, 3千, 壹万贰仟), and returns it in Arabic digits (12000,
// 1.25), without thousands separators; false for anything else,
// including a number written digit by digit (二〇二四), in Arabic digits
// with 万 or 亿 alone (1.2万) and numerals that read as no one number
// (三四十, 万一, 一万万, 一亿亿), nor one longer than maxCountRunes or
// with more than maxCountDigits digits.
func ParseChineseNumber(s string) (string, bool) {
	rs := []rune(s)
	if len(rs) > maxCountRunes {
		return "", false
	}
	chinese, multiplier := false, false
	for _, r := range rs {
		_, d := cnDigitValues[r]
		_, small := cnSmallUnits[r]
		_, big := cnBigUnits[r]
		chinese = chinese || d || small
		multiplier = multiplier || small || big || r == '点'
	}
	if !chinese || !multiplier {
		return "", false
	}
	v, ok := chineseValue(rs)
	if !ok {
		return "", false
	}
	if whole := new(big.Int).Quo(v.Num(), v.Denom()); len(whole.String()) > maxCountDigits {
		return "", false
	}
	if v.IsInt() {
		return v.Num().String(), true
	}
	return strings.TrimRight(v.FloatString(12), "0"), true
}

// chineseValue is the value of rs: sections of digits and small
// multipliers, each closed by 万 or 亿, or a whole part, 点, digits and
// any 万 or 亿 after them.
func chineseValue(rs []rune) (*big.Rat, bool) {
	for k, r := range rs {
		if r == '点' || r == '.' && k > 0 && !isDigit(rs[k-1]) {
			return pointValue(rs[:k], rs[k+1:])
		}
	}
	total, section := new(big.Rat), new(big.Rat)
	var digit *big.Rat // the digit (or Arabic number) not yet multiplied
	lastBig := int64(0)
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		switch {
		case isDigit(r):
			if digit != nil {
				return nil, false
			}
			e := k
			for e < len(rs) && (isDigit(rs[e]) || rs[e] == '.') {
				e++
			}
			d, ok := new(big.Rat).SetString(string(rs[k:e]))
			if !ok {
				return nil, false
			}
			digit, k = d, e-1
		case cnDigitValues[r] != 0 || r == '〇' || r == '零':
			if digit != nil && cnDigitValues[r] != 0 {
				return nil, false // 三四十: two digits in a row
			}
			if cnDigitValues[r] != 0 {
				digit = big.NewRat(cnDigitValues[r], 1)
			}
		case cnSmallUnits[r] != 0:
			if digit == nil {
				if k == 0 && cnSmallUnits[r] != 10 || k > 0 && rs[k-1] != '〇' && rs[k-1] != '零' && cnBigUnits[rs[k-1]] == 0 {
					// 百姓, 千人计划, 十百: only 十 leaves its 一 out.
					return nil, false
				}
				digit = big.NewRat(1, 1) // 十二
			}
			section.Add(section, digit.Mul(digit, big.NewRat(cnSmallUnits[r], 1)))
			digit = nil
		default: // 万 or 亿
			m := cnBigUnits[r]
			if digit != nil {
				section.Add(section, digit)
				digit = nil
			}
			if m == 1e8 {
				// 一万亿: the 万 and all before it are counted in 亿;
				// 一亿亿 reads as no number, as 一万万 does.
				total.Add(total, section)
				if total.Sign() == 0 || lastBig == m {
					return nil, false
				}
				total.Mul(total, big.NewRat(m, 1))
			} else {
				if section.Sign() == 0 || lastBig == m {
					return nil, false // 万一, 一万万
				}
				total.Add(total, section.Mul(section, big.NewRat(m, 1)))
			}
			section, lastBig = new(big.Rat), m
		}
	}
	if digit != nil {
		section.Add(section, digit)
	}
	return total.Add(total, section), true
}

// pointValue is the value of a number written with 点: whole, then
// decimal digits and any 万 or 亿 (一点二万, 三点五).
func pointValue(whole, frac []rune) (*big.Rat, bool) {
	w, ok := big.NewRat(0, 1), true
	if len(whole) > 0 {
		if w, ok = chineseValue(whole); !ok {
			return nil, false
		}
	}
	scale := big.NewRat(1, 1)
	for len(frac) > 0 && cnBigUnits[frac[len(frac)-1]] != 0 {
		scale.Mul(scale, big.NewRat(cnBigUnits[frac[len(frac)-1]], 1))
		frac = frac[:len(frac)-1]
	}
	if len(frac) == 0 {
		return nil, false
	}
	var b strings.Builder
	for _, r := range frac {
		d, ok := cnDigitValues[r]
		switch {
		case isDigit(r):
			b.WriteRune(r)
		case ok:
			b.WriteByte(byte('0' + d))
		default:
			return nil, false
		}
	}
	f, ok := new(big.Rat).SetString("0." + b.String())
	if !ok {
		return nil, false
	}
	return w.Add(w, f).Mul(w, scale), true
}

// CountToken is the n-gram token of a count: # and its number in Arabic
// digits, then the character after it (#12000人). It is longer than any
// pair, so no pair of a text or a query is one.
func CountToken(number string, next rune) []byte {
	return []byte("#" + number + string(next))
}
