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
// (1 260 个) is taken out too, by joinDigitGroups' rule.
func joinOCRNumbers(line string) string {
	if !strings.Contains(line, " ") {
		return line
	}
	return joinDigitGroups(joinSpacedPoints(line))
}

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
