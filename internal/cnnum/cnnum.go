// Package cnnum reads numbers written in Chinese numerals: the common
// digits (〇 to 九, 两), the financial ones (壹 to 玖, 拾 佰 仟, as on a
// receipt), the traditional forms a text may keep (兩, 萬, 億) and numbers
// written half in Arabic digits (1万2千). It is the one reader of them
// for the index (counts: index/internal/zh), the values a passage holds
// (values) and the numbers a mark keeps whole (search); each applies its
// own rule of which runs of numerals are a number there.
package cnnum

import (
	"math/big"
	"strings"
)

// MaxRunes and MaxDigits bound a number: a longer run of numerals, or
// one whose value has more digits before its point, reads as no number
// (no real one is written so), and reading it would cost time that grows
// with its length (a crafted 一亿亿…亿).
const (
	MaxRunes  = 20
	MaxDigits = 20
)

// digitValues are the Chinese digits, 〇 to 九, the financial ones (壹)
// and the traditional 兩.
var digitValues = map[rune]int64{
	'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
}

// smallUnits are the multipliers within a section of four digits.
var smallUnits = map[rune]int64{
	'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000,
}

// bigUnits are the multipliers of a section: 万 and 亿.
var bigUnits = map[rune]int64{'万': 1e4, '萬': 1e4, '亿': 1e8, '億': 1e8}

// Digit is the value of a Chinese digit (〇 to 九, 两, 壹 to 玖).
func Digit(r rune) (int64, bool) {
	d, ok := digitValues[r]
	return d, ok
}

// SmallUnit is the multiplier 十, 百 or 千 (or 拾 佰 仟) stands for, 0 for
// any other character.
func SmallUnit(r rune) int64 { return smallUnits[r] }

// BigUnit is the multiplier 万 or 亿 (or 萬 億) stands for, 0 for any
// other character.
func BigUnit(r rune) int64 { return bigUnits[r] }

// IsNumeral reports whether r is a Chinese digit or multiplier. A switch,
// not the maps: the index asks it of every character of a text.
func IsNumeral(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '两', '兩', '三', '四', '五', '六', '七', '八', '九',
		'壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖',
		'十', '拾', '百', '佰', '千', '仟', '万', '萬', '亿', '億':
		return true
	}
	return false
}

// IsFinancial reports whether r is a financial numeral (壹 to 玖, 拾 佰 仟).
func IsFinancial(r rune) bool {
	switch r {
	case '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟':
		return true
	}
	return false
}

// LastFinancial is the index of the last financial numeral in a run that
// mixes them with common numerals or Arabic digits (伍十二 of 队伍十二支),
// -1 if the run has none or is written wholly in them (壹万零伍佰).
// Financial numerals make a number only written wholly so: one next to
// common numerals is part of a word, and the number starts after it.
func LastFinancial(run []rune) int {
	last, common := -1, false
	for k, r := range run {
		switch {
		case IsFinancial(r):
			last = k
		case r == '零' || r == '〇' || r == '点' || r == '.' || bigUnits[r] != 0:
		default:
			common = true
		}
	}
	if !common {
		return -1
	}
	return last
}

// Value reads a number written in Chinese numerals with multipliers or
// 点, or half in Arabic digits (一万二千, 十二, 一百零五, 三亿五千万, 1万2千,
// 一点二万, 三点五, 壹万贰仟): sections of digits and small multipliers,
// each closed by 万 or 亿, or a whole part, 点, digits and any 万 or 亿
// after them. False for numerals that read as no one number (三四十, 万一,
// 一万万, 一亿亿, 百姓's 百 with no digit: only 十 leaves its 一 out) and a
// number longer than MaxRunes or MaxDigits.
func Value(rs []rune) (*big.Rat, bool) {
	if len(rs) > MaxRunes {
		return nil, false
	}
	v, ok := value(rs)
	if !ok {
		return nil, false
	}
	if whole := new(big.Int).Quo(v.Num(), v.Denom()); len(whole.String()) > MaxDigits {
		return nil, false
	}
	return v, true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// value is the value of rs: sections of digits and small
// multipliers, each closed by 万 or 亿, or a whole part, 点, digits and
// any 万 or 亿 after them.
func value(rs []rune) (*big.Rat, bool) {
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
		case digitValues[r] != 0 || r == '〇' || r == '零':
			if digit != nil && digitValues[r] != 0 {
				return nil, false // 三四十: two digits in a row
			}
			if digitValues[r] != 0 {
				digit = big.NewRat(digitValues[r], 1)
			}
		case smallUnits[r] != 0:
			if digit == nil {
				afterZeroOrBig := k > 0 && (rs[k-1] == '〇' || rs[k-1] == '零' || bigUnits[rs[k-1]] != 0)
				if k == 0 && smallUnits[r] != 10 || k > 0 && !afterZeroOrBig {
					// 百姓, 千人计划, 十百: only 十 leaves its 一 out.
					return nil, false
				}
				digit = big.NewRat(1, 1) // 十二
			}
			section.Add(section, digit.Mul(digit, big.NewRat(smallUnits[r], 1)))
			digit = nil
		default: // 万 or 亿
			m := bigUnits[r]
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
		if w, ok = value(whole); !ok {
			return nil, false
		}
	}
	scale := big.NewRat(1, 1)
	for len(frac) > 0 && bigUnits[frac[len(frac)-1]] != 0 {
		scale.Mul(scale, big.NewRat(bigUnits[frac[len(frac)-1]], 1))
		frac = frac[:len(frac)-1]
	}
	if len(frac) == 0 {
		return nil, false
	}
	var b strings.Builder
	for _, r := range frac {
		d, ok := digitValues[r]
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
