package extract

import (
	"strings"

	"github.com/lcmonitor/evidence/internal/numread"
)

// joinOCRNumbers takes out the spaces tesseract sets inside a number of
// one line of its words: around a decimal point (企业比例为87 . 6%,
// 1. 5% 至2. 5%, read as the words "87" "." "6%") and before a per cent
// sign (95 %). Normalize keeps a space between a digit and '.' or '%'
// (none of them is CJK), so without this 87.6% was searched and cited in
// vain. Which point is a decimal point, not an item's number (1. 50%以上的
// 社区) or one before a year (3. 2016 年底), is numread.SpacedPoint's rule, by
// which the values package reads the texts OCR read before. A line is
// one line of the page: a number ending a line and an item's number
// starting the next are never joined. The space OCR reads for a thousands separator
// (1 260 个) is taken out too, by joinDigitGroups' rule, and the one after
// a number's unit sign before a Chinese character (joinSignToHan).
func joinOCRNumbers(line string) string {
	if !strings.Contains(line, " ") {
		return line
	}
	return joinSignToHan(joinDigitGroups(joinSpacedPoints(line)))
}

// joinSignToHan takes out the one space tesseract sets between a
// number's unit sign (%, ％, ‰, each after a digit, as the index reads
// them part of the number) and the Chinese character or mark after it:
// 参与率达到60% 以上 is 60%以上, as the page prints it. Normalize takes
// such a space out between two Chinese characters and between a Chinese
// character and a digit (达到 60% is 达到60% already), not after a sign
// that is neither, so a phrase across it (60%以上) missed the scan. Two
// spaces are a table's columns (lineText: a word ending in a sign and
// one starting with a Chinese character set a column apart), never
// joined; nor is a sign before a Latin word or another number.
func joinSignToHan(line string) string {
	if !strings.ContainsAny(line, "%％‰") {
		return line
	}
	rs := []rune(line)
	var b strings.Builder
	b.Grow(len(line))
	for i, r := range rs {
		if r == ' ' && i >= 2 && unitSign(rs[i-1]) && isASCIIDigit(rs[i-2]) &&
			i+1 < len(rs) && isCJK(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unitSign reports a sign that ends a number as its unit: per cent and
// per mille.
func unitSign(r rune) bool { return r == '%' || r == '％' || r == '‰' }

// joinSpacedPoints is joinOCRNumbers' join around a decimal point and
// before a per cent sign.
func joinSpacedPoints(line string) string {
	if !strings.ContainsAny(line, ".%％") {
		return line
	}
	rs := []rune(line)
	var b strings.Builder
	b.Grow(len(line))
	for i := 0; i < len(rs); {
		if digits, end := numread.SpacedPoint(rs, i); digits != "" {
			// The digits after the point are read again as a start:
			// an indicator's code OCR spaced, 1 . 3 . 2, is 1.3.2.
			whole, fraction, _ := strings.Cut(digits, ".")
			b.WriteString(whole + ".")
			i = end - len(fraction)
			continue
		}
		b.WriteRune(rs[i])
		if isASCIIDigit(rs[i]) && i+1 < len(rs) && rs[i+1] == ' ' && numread.PercentAt(rs, i+1) {
			i = skipSpaces(rs, i+1) // 95 % → 95%
			continue
		}
		i++
	}
	return b.String()
}

func skipSpaces(rs []rune, i int) int {
	for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t') {
		i++
	}
	return i
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }
