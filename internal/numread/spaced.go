package numread

import "strings"

// Separators are the characters a number's digits may be parted by in
// stored text: one space, grouping its thousands (1 200, 12 000; a
// no-break, thin or figure space as typeset, all one space once stored),
// and a line break where a PDF wrapped the line inside the number
// (12\n000人). A space between two cells of a table row is one space
// too, so digits parted so are read both ways: joined and group by group.
const Separators = " \u00a0\u2009\u202f\u2007\n"

// labels name what the number after them counts off (表1, 图2, 附件1, 第3,
// 序号1): a separator after that number parts it from the next, so 表1
// 200人 is 表1 and 200人, never 1200.
var labels = []string{"表", "图", "附件", "附录", "附表", "第", "序号", "编号", "页", "No.", "NO.", "no."}

// SpacedDigits reads a number whose digits are parted by one separator
// (Separators: 1 200人, 12 000人次, 1 234 567元, 12 345.6万元, 12\n000人)
// from rs[i:]: its digits joined and where they end; "" when rs[i:] holds
// none. One to three digits come first, then groups of three after the
// same separator each, and any decimals; after them (and any 万 or 亿) a
// unit, as unitAt tells, or nothing else in the text (a ledger's cell):
// 12 120 without a unit may be two cells of a row. Not after a digit nor
// a label (表1 200人).
func SpacedDigits(rs []rune, i int, unitAt func(rs []rune, j int) bool) (string, int) {
	if i > 0 && (isDigit(rs[i-1]) || rs[i-1] == '.' || rs[i-1] == ',') {
		return "", i
	}
	j := i
	for j < len(rs) && isDigit(rs[j]) && j-i < 4 {
		j++
	}
	// The index asks at every number: the labels, which cost most, last.
	if j-i > 3 || j == len(rs) || !strings.ContainsRune(Separators, rs[j]) || !GroupOfThree(rs, j+1) {
		return "", i
	}
	for _, l := range labels {
		if k := i - len([]rune(l)); k >= 0 && hasPrefix(rs, k, l) {
			return "", i
		}
	}
	digits, sep := string(rs[i:j]), rs[j]
	for j < len(rs) && rs[j] == sep && GroupOfThree(rs, j+1) {
		digits += string(rs[j+1 : j+4])
		j += 4
	}
	if len(digits) < 4 {
		return "", i
	}
	if j+1 < len(rs) && rs[j] == '.' && isDigit(rs[j+1]) {
		digits += "."
		for j++; j < len(rs) && isDigit(rs[j]); j++ {
			digits += string(rs[j])
		}
	}
	if _, k := MultipliersAt(rs, j); !(i == 0 && j == len(rs)) && !unitAt(rs, k) {
		return "", i
	}
	return digits, j
}

// GroupOfThree reports whether rs[j:] starts with exactly three digits.
func GroupOfThree(rs []rune, j int) bool {
	if j+3 > len(rs) {
		return false
	}
	for k := j; k < j+3; k++ {
		if !isDigit(rs[k]) {
			return false
		}
	}
	return j+3 == len(rs) || !isDigit(rs[j+3])
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
