package numread

import (
	"math"
	"strings"
)

// Vague reads a number written with 几 or 数 for its leading digit and
// multipliers only (几十万, 数十万人次, 几百所, 数千名, 几万): some of that
// place, from two of it up to but not ten (几十 is 20 to 99, where 十几 is
// 11 to 19), and where it ends; false at anything else (VagueHead).
func Vague(rs []rune, i int) (Range, int, bool) {
	if !VagueHead(rs, i) {
		return Range{}, i, false
	}
	exp, end := MultipliersAt(rs, i+1)
	if exp == 0 {
		return Range{}, i, false
	}
	place := math.Pow(10, float64(exp))
	return Range{Least: 2 * place, Upper: 10 * place}, end, true
}

// VagueHead reports whether rs[i] is a 几 or 数 that stands for a vague
// leading digit (几十, 数百), not the 数 of a noun: one that counts (人数
// 十万 is 100000: CountNoun) or another (多数, 少数, 半数, 小数, 指数).
func VagueHead(rs []rune, i int) bool {
	if i >= len(rs) || !strings.ContainsRune("几幾数數", rs[i]) {
		return false
	}
	if rs[i] == '几' || rs[i] == '幾' {
		return true
	}
	return !CountNoun(rs, i-1) && !(i > 0 && strings.ContainsRune(nounsBeforeShu, rs[i-1]))
}

// nounsBeforeShu are the characters that make a noun with the 数 after
// them that counts nothing vaguely (多数, 少数, 半数, 小数, 分数, 指数, 系数).
const nounsBeforeShu = "多少半大小奇偶整分倍系变参函指基常"

// CountNoun reports whether rs[k] makes the 数 after it part of a noun
// that counts (人数, 次数, 户数, 总数, 件数, 个数), not the vague 数 of
// 数十万: 参与学习人数十万人次 writes 100000.
func CountNoun(rs []rune, k int) bool {
	return k >= 0 && k < len(rs) && strings.ContainsRune("人次户总件个", rs[k])
}
