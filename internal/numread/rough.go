package numread

import (
	"math"
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/internal/cnnum"
)

// Range is what a rough number writes: from Least (not Least itself when
// Exclusive: 300多 is more than 300) up to but not Upper (+Inf for 上万).
type Range struct {
	Least, Upper float64
	Exclusive    bool
}

// Multiplier is the multiplier r stands for (十 to 亿, 拾 to 億), 0 for
// any other character.
func Multiplier(r rune) float64 { return float64(cnnum.SmallUnit(r) + cnnum.BigUnit(r)) }

// MultipliersAt reads the multipliers at rs[j:] (万, 千万, 十): the power
// of ten they make and where they end. 十 counts as the others do (3十 is
// 30, as 3千 is 3000) but only first: 3万十 is 30000 and a 十 after it.
func MultipliersAt(rs []rune, j int) (exp, end int) {
	for j < len(rs) {
		m := Multiplier(rs[j])
		if m == 0 || m == 10 && exp > 0 {
			break
		}
		exp += int(math.Round(math.Log10(m)))
		j++
	}
	return exp, j
}

// RoughAt reports whether the number that ends at rs[end] is written
// roughly by the 多, 余 or 几 there (三十多所, 300余名, 十几个, 十多万): a 几
// only after a multiplier (十几, 一百几十; not after 3), and in a
// percentage (percent) only where the 多 or 余 belongs to it
// (RoughAfterSign: 百分之三十多 and 30%多 are rough, 百分之三十多数是老年人 is
// 30% of whom most are old).
func RoughAt(rs []rune, end int, percent bool) bool {
	if end >= len(rs) || !strings.ContainsRune("多余几", rs[end]) {
		return false
	}
	if rs[end] == '几' {
		return end > 0 && Multiplier(rs[end-1]) != 0
	}
	return !percent || RoughAfterSign(rs, end)
}

// RoughAfterSign reports whether the 多 or 余 at rs[j] ends a percentage
// as part of it (30%多 is read 百分之三十多): it ends the text or a clause,
// or comes before 的 (30%多的市民); not 多数, 多样.
func RoughAfterSign(rs []rune, j int) bool {
	if j >= len(rs) || rs[j] != '多' && rs[j] != '余' {
		return false
	}
	return j+1 == len(rs) || !unicode.Is(unicode.Han, rs[j+1]) || rs[j+1] == '的'
}

// Rough reads the number of value v that ends at rs[end], with a 多, 余 or
// 几 after it (RoughAt), as the rough number it writes with any
// multipliers after that, and where it ends; false when it is none. A
// 十, 百 or 千 after 几 names the place it fills (一百几十: 110 to 200;
// 三万几千: 31000 to 40000) and a 万 or 亿 scales the whole (十几万: 110000
// to 200000). A 几, or a 多 or 余 after a number whose last place is ten
// (三十多所, 十余个), stands for the digit below it, at least one: 十几 is 11
// to 19, never 10. A 多 or 余 after a larger place (300多, 一千多, 1.5万余)
// says more than the number, by less than that place; so does one in a
// percentage (百分之三十多: a rate is no count, 30.5% is in it) and one
// before 万 or 亿 (十多万: 10.5万 is often written so). 十万多 is more than
// 10万 by less than 1万.
func Rough(rs []rune, v float64, end int, percent bool) (Range, int, bool) {
	if !RoughAt(rs, end, false) {
		return Range{}, end, false
	}
	exp, k := MultipliersAt(rs, end+1)
	big := 0
	for _, r := range rs[end+1 : k] {
		if m := cnnum.BigUnit(r); m != 0 {
			big += int(math.Round(math.Log10(float64(m))))
		}
	}
	place := LastPlace(v)
	if end > 0 && cnnum.BigUnit(rs[end-1]) != 0 {
		// 十万多: 10万 and less than one 万 more (as 十斤多 is under 11
		// 斤), not 十多万; 一万多 is 1万 up to 2万 either way.
		place = math.Min(place, float64(cnnum.BigUnit(rs[end-1])))
	}
	least, exclusive := v, false
	if small := math.Pow(10, float64(exp-big)); exp > big && small < place {
		// The 几十 of 一百几十 is at least one ten more.
		if rs[end] == '几' {
			least += small
		} else {
			exclusive = true
		}
	} else {
		scaled := big > 0
		big = exp // 十多万, or a multiplier no smaller than v's place
		if rs[end] == '几' || place == 10 && !percent && !scaled {
			// 十几, 三十多, 一百几: a digit in the place below, one or more.
			least += place / 10
		} else {
			exclusive = true // 300多, 一千多: more than 300, 1000
		}
	}
	scale := math.Pow(10, float64(big))
	return Range{Least: least * scale, Upper: (v + place) * scale, Exclusive: exclusive}, k, true
}

// LastPlace is the place of v's last non-zero digit: 10 for 30, 100 for
// 300, 1000 for 12000, 0.1 for 1.5, 1 for 0.
func LastPlace(v float64) float64 {
	if v == 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(v))))
	for p > 1e-9 && !same(math.Round(v/p)*p, v) {
		p /= 10
	}
	return p
}

func same(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// Nearly reports whether the number rs[start:end] follows a 近 that makes
// it an upper bound by an amount unsaid (近十万人, 将近3000人, 接近一半), not
// one of 最近, 附近, 就近 (最近三年 is three years), nor before a span of
// time (近三年, 近5年, 近两个月: the last three years, an exact span).
func Nearly(rs []rune, start, end int) bool {
	if start == 0 || rs[start-1] != '近' || start >= 2 && strings.ContainsRune(notNear, rs[start-2]) {
		return false
	}
	for _, w := range timeSpans {
		if hasPrefix(rs, end, w) {
			return false
		}
	}
	return true
}

// notNear are the characters that make the 近 after them no nearly (最近,
// 附近, 就近, 邻近, 临近, 靠近, 亲近).
const notNear = "最附就邻临靠亲"

// NotNear reports whether r before a 近 makes it no nearly (最近, 附近).
func NotNear(r rune) bool { return strings.ContainsRune(notNear, r) }

// timeSpans are the units of time a span is counted in (近三年, 近两个月).
var timeSpans = []string{"年", "个月", "月", "周", "天", "日", "期", "届"}

func hasPrefix(rs []rune, i int, p string) bool {
	return strings.HasPrefix(string(rs[i:min(len(rs), i+len([]rune(p)))]), p)
}
