package values

import (
	"math"
	"strings"

	"github.com/lcmonitor/evidence/internal/cnnum"
	"github.com/lcmonitor/evidence/internal/numread"
)

// A number written roughly reads as a Chinese reader takes it (README,
// 约数), the least it may be and the first it may not reach:
//
//	十几万                   110000 up to 200000 (十几 is 11 to 19)
//	十多万, 十余万           more than 100000 up to 200000
//	十万多                   more than 100000 up to 110000
//	二十几万                 210000 up to 300000
//	二十多万                 more than 200000 up to 300000
//	三十多所, 30多所         31 up to 40
//	300多所, 一千多人        more than 300 up to 400, more than 1000 up to 2000
//	一百几十所, 一百几       110 up to 200
//	一万几千, 一万几         11000 up to 20000
//	上万                     10000 and more
//	百分之三十多, 30%多, 30多% more than 30% up to 40%
//	三成多                   more than 30% up to 40% (三成 is 30%)
//	近三成                   25% up to 30% (under 25% is 两成多)
//	几十所, 数十万人次        20 up to 100, 200000 up to 1000000
//	几百, 数千名             200 up to 1000, 2000 up to 10000
//
// A 几, or a 多 or 余 after a number whose last place is ten (三十多所, 十余
// 个), stands for the digit below it, at least one: 十几 is 11 to 19, never
// 10. A 多 or 余 after a larger place (300多, 一千多, 1.5万余) says more than
// the number, by less than that place; so does one in a percentage
// (百分之三十多, 30%多: a rate is no count, 30.5% is in it) and one before
// 万 or 亿 (十多万, 十余万: 10.5万 is often written so), never the round
// number itself (30%, 10万). 十万多 is more than 10万 by less than 1万.

// approximate is n, which ends at rs[end], read with a 多, 余 or 几 after
// it (三十多所, 300余家, 十多万人, 一万多人, 二十几万, 一百几十所) as the
// rough number it writes (numread.Rough, as the index reads it), with any
// multipliers after that, and where it ends; n as it is when no such word
// is there.
func approximate(rs []rune, n Number, end int, percent bool) (Number, int) {
	r, k, ok := numread.Rough(rs, n.Value, end, percent)
	if !ok {
		return n, end
	}
	n.Approx, n.Exclusive = true, r.Exclusive
	n.Value, n.Upper = r.Least, r.Upper
	n.end = k
	return n, k
}

// within reports whether v, counted in scale of the rough number n's unit,
// lies in what n writes: from its least (not it, when Exclusive) up to
// but not its Upper.
func (n Number) within(v, scale float64) bool {
	least := n.Value * scale
	if n.Exclusive && same(v, least) {
		return false
	}
	return v >= least*(1-1e-12) && v < n.Upper*scale
}

// bounds reports whether the rough number n, counted in scale of its
// unit, writes any of a value's readings (typed, in the indicator's unit,
// counted out in its base) or has one as its bound (5000 of 5000余册):
// the number the value was taken from, whatever its unit says.
func (n Number) bounds(typed, number, base, scale float64) bool {
	return n.within(typed, 1) || n.within(number, 1) || n.within(base, scale) ||
		same(n.Value, typed) || same(n.Value, number) || same(n.Value*scale, base)
}

// vague reads a number written with 几 or 数 and multipliers (几十万, 数十
// 万人次, 几百所, 数千名: numread.Vague) at rs[i:], as the rough number it
// writes, from two of its place up to but not ten, when it stands as a
// number: with 万 or 亿, before a unit or measure word, or at a clause's
// end (大多数十分满意 is no 数十).
func vague(rs []rune, i int) (Number, int, bool) {
	r, end, ok := numread.Vague(rs, i)
	if !ok || !(r.Least >= 2e4 || measureAt(rs, end) || end == len(rs) || !isHan(rs[end])) {
		return Number{}, 0, false
	}
	return Number{Value: r.Least, Approx: true, Upper: r.Upper, Text: string(rs[i:end]), end: end}, end, true
}

// roundNumber reads 上 and a multiplier (上万人, 上千所, 上百场, 上亿元) at
// rs[i:], a rough number that is at least as many (Approx, Upper +Inf),
// when a unit or measure word or a clause's end follows; not the 上 of
// another word before the multiplier (线上, 以上, 网上, 楼上, 会上, 加上:
// 线上万人 is 万人 online, left unread), nor 成千上万, 成百上千 (a great
// many).
func roundNumber(rs []rune, i int) (Number, int, bool) {
	if i >= len(rs) || rs[i] != '上' || i > 0 && strings.ContainsRune("线网以之马早晚路向身北千百楼会加赶比跟遇登台", rs[i-1]) {
		return Number{}, 0, false
	}
	exp, k := numread.MultipliersAt(rs, i+1)
	if exp < 2 || k < len(rs) && isHan(rs[k]) && !measureAt(rs, k) {
		return Number{}, 0, false
	}
	return Number{Value: math.Pow(10, float64(exp)), Approx: true, Upper: math.Inf(1), Text: string(rs[i:k]), end: k}, k, true
}

// tenths reads a share written in tenths (成) at rs[i:]: 三成 is 30%,
// 三成多 more than 30% up to 40%, 近三成 (将近, 接近) 25% up to 30% — nearly
// three tenths, where a writer with less than 25% says 两成多. The digit
// is one of 一 to 九, 两, or 1 to 9, and 成 heads no word of its own
// (shareEnds): 一成不变, 八成是, 三成员, 七成新 are no shares.
func tenths(rs []rune, i int) (Number, int, bool) {
	start, near := i, false
	if i < len(rs) && rs[i] == '近' && (i == 0 || !numread.NotNear(rs[i-1])) {
		near = true
		i++
	}
	if i+1 >= len(rs) || rs[i+1] != '成' {
		return Number{}, 0, false
	}
	var d float64
	switch r := rs[i]; {
	case r >= '1' && r <= '9' && (i == 0 || !isDigit(rs[i-1]) && rs[i-1] != '.' && rs[i-1] != ','):
		d = float64(r - '0')
	case isCNDigit(r) && !cnnum.IsFinancial(r) && r != '〇' && r != '零' && (i == 0 || !isCNNum(rs[i-1])):
		v, _ := cnnum.Digit(r)
		d = float64(v)
	default:
		return Number{}, 0, false
	}
	j := i + 2
	n := Number{Value: d * 10, Percent: true}
	switch {
	case near:
		n.Approx, n.Nearly, n.Value, n.Upper = true, true, d*10-5, d*10
	case j < len(rs) && (rs[j] == '多' || rs[j] == '余'):
		n.Approx, n.Exclusive, n.Upper = true, true, d*10+10
		j++
	}
	if !shareEnds(rs, j) {
		return Number{}, 0, false
	}
	n.Text = string(rs[start:j])
	n.end = j
	return n, j, true
}

// shareEnds reports whether a share in tenths may end at rs[j], after
// its 成 (or 多): anywhere but before a character that makes a word with
// 成 (成员, 成为, 成果, 成人, 一成不变, 七成新) or a verb after 八成 (八成
// 是, 八成会: most likely). 三成社区, 三成以上, 三成的市民 and 三成。 are
// shares.
func shareEnds(rs []rune, j int) bool {
	return j == len(rs) || !strings.ContainsRune(wordsAfterCheng, rs[j]) || hasPrefix(rs, j, "以上") || hasPrefix(rs, j, "以下")
}

// wordsAfterCheng are the characters that make a word with a 成 before
// them, or follow 八成 meaning most likely, and the numerals (Chinese or
// Arabic) and 半 that make 成 a place in a finer share (九成九 is 99%,
// 三成五 and 3成5 35%, 两成半 25%: not read, so no 20% is found in 两成半).
const wordsAfterCheng = "员为果效绩本立就熟长功人年都型形品交分份真风才器群片套批体网新不是语全会要能也还已了事材像气色千百行名文活亲婚图以一二两三四五六七八九十半0123456789"
