package zh

import (
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/internal/cnnum"
)

// sessionUnits are the units that count sessions, times, issues, batches
// and rounds. Before them a 第-serial names the one the count reaches: an
// expert who types 十八届 or 18届 means the 18th session, which documents
// write 第十八届.
const sessionUnits = "届次期批轮"

// SerialCounts finds the 第-serials of rs in Chinese numerals before a
// unit of sessionUnits (第十八届, 第三批), as counts of that unit: runes
// [Start, End) are the numerals after 第. They are held as a count's
// token (CountToken) so that a count query finds them; only the whole
// numeral after 第 is one, so 八届 finds neither 第十八届 nor 二十八届.
// ChineseCounts leaves serials out, since a serial of any other unit
// (第十二章, 第三条) counts nothing and no serial is a value. A serial in
// Arabic digits needs no token: its pairs and the marks at its number's
// edges already find it (18届 in 第18届).
func SerialCounts(rs []rune) []Count {
	var out []Count
	for i := 0; i+2 < len(rs); i++ {
		if rs[i] != '第' {
			continue
		}
		j := i + 1
		for j < len(rs) && isCNNumeral(rs[j]) {
			j++
		}
		if j == i+1 || j-i-1 > maxCountRunes || j == len(rs) || !strings.ContainsRune(sessionUnits, rs[j]) {
			continue
		}
		if v, ok := serialNumber(rs[i+1 : j]); ok {
			out = append(out, Count{Start: i + 1, End: j, Number: v})
		}
		i = j - 1
	}
	return out
}

// serialNumber reads a serial's numerals: one numeral alone (三) or a
// number with a multiplier (十八, 一百二十); false for a financial
// numeral among common ones, or numerals that read as no one number.
// 一 alone is no count: 第一次, 第一批 say "for the first time", "the
// first batch", not once or one batch, and are common enough that 1次
// (once, 举办讲座1次) would find them in most documents; nor is 一 a
// count alone anywhere else (numread.LoneCount).
func serialNumber(rs []rune) (string, bool) {
	if len(rs) == 1 {
		d, ok := cnnum.Digit(rs[0])
		if !ok || d <= 1 {
			return "", false
		}
		return strconv.FormatInt(d, 10), true
	}
	return ParseChineseNumber(string(rs))
}
