package numread

import "strings"

// MeasureWords are the measure words a count is written before (八所,
// 两个, 三人, 五项, 十场): after a lone numeral, or a lone 十, they make it a
// count; before any other character it is part of a word (三方, 四级,
// 十分).
const MeasureWords = "人个名位家所座处场次项期批支户门节课本册部篇件套台辆种类条届天周岁元亩份堂班张组讲集队首"

// LoneCount reports whether rs[i], one numeral from 二 to 九 or 两 standing
// alone (no numeral or digit either side of it), counts what the measure
// word after it names (分校八所, 两个, 三人: MeasureWords), as the values
// package reads it: not after 第 (第八所, an ordinal), nor after a Latin
// letter (A3), nor a 几 or 数 (VagueHead). 一 is left out: it heads as many
// words as counts (一些, 统一, 一线, 一所学校 as "a school").
func LoneCount(rs []rune, i int) bool {
	if i >= len(rs) || !strings.ContainsRune(loneNumerals, rs[i]) || i+1 >= len(rs) ||
		!strings.ContainsRune(MeasureWords, rs[i+1]) {
		return false
	}
	if i == 0 {
		return true
	}
	before := rs[i-1]
	if before == '第' || VagueHead(rs, i-1) || before < 0x80 && (before >= '0' && before <= '9' ||
		before >= 'a' && before <= 'z' || before >= 'A' && before <= 'Z' || before == '.') {
		return false
	}
	return !strings.ContainsRune(numeralsAround, before)
}

// loneNumerals are the numerals LoneCount reads alone; numeralsAround
// those that make a numeral next to them no lone one.
const (
	loneNumerals   = "二两兩三四五六七八九"
	numeralsAround = "〇零一二两兩三四五六七八九十百千万亿拾佰仟萬億壹贰叁肆伍陆柒捌玖"
)
