package numread

import "strings"

// SpacedPoint reads a decimal number whose point OCR set apart from its
// digits by spaces (87 . 6, 1. 5, 3 .2) from rs[i:], i at its first
// digit: its digits joined (87.6) and where they end; "" when rs[i:] holds
// none. extract joins such numbers in the text it reads by OCR today;
// the values package reads them so in texts stored before.
//
// A point between two runs of digits is a decimal point except where the
// digits before it number an item: at the text's start or after a mark
// that ends a clause (说明：1. 社区…；2. 教学点…；3. 2016年底…, as the
// 武汉 statistics' notes write them), unless a per cent sign follows the
// digits after it (增长：3. 5%); and never before a year (3. 2016年底).
// A line break is no space here: a number ending a line and an item's
// number starting the next are two.
func SpacedPoint(rs []rune, i int) (string, int) {
	if i >= len(rs) || !isDigit(rs[i]) || i > 0 && (isDigit(rs[i-1]) || rs[i-1] == ',') {
		return "", i
	}
	last := i
	for last+1 < len(rs) && isDigit(rs[last+1]) {
		last++
	}
	j := skipSpaces(rs, last+1)
	if j >= len(rs) || rs[j] != '.' {
		return "", i
	}
	next := skipSpaces(rs, j+1)
	if j == last+1 && next == j+1 || next >= len(rs) || !isDigit(rs[next]) {
		return "", i // no space: a number as written, read plainly
	}
	end := next
	for end < len(rs) && isDigit(rs[end]) {
		end++
	}
	if end-next == 4 && end < len(rs) && rs[end] == '年' {
		return "", i // an item's number before a year: 3. 2016年底
	}
	if !PercentAt(rs, end) {
		before := i - 1
		for before >= 0 && (rs[before] == ' ' || rs[before] == '\t') {
			before--
		}
		if before < 0 || endsClause(rs[before]) {
			return "", i
		}
	}
	return string(rs[i:last+1]) + "." + string(rs[next:end]), end
}

// PercentAt reports whether a per cent sign, half or full width, follows
// rs[i:] through spaces (OCR's 95 %).
func PercentAt(rs []rune, i int) bool {
	i = skipSpaces(rs, i)
	return i < len(rs) && (rs[i] == '%' || rs[i] == '％')
}

// endsClause reports the marks after which a number starts an item of a
// list rather than a value, half width as stored or full width as read.
func endsClause(r rune) bool {
	return strings.ContainsRune("。;:,、!?；：，！？)）\n", r)
}

func skipSpaces(rs []rune, i int) int {
	for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t') {
		i++
	}
	return i
}
