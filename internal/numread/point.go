package numread

import (
	"slices"
	"strings"
)

// SpacedPoint reads a decimal number whose point OCR set apart from its
// digits by spaces (87 . 6, 1. 5, 3 .2) from rs[i:], i at its first
// digit: its digits joined (87.6) and where they end; "" when rs[i:] holds
// none. extract joins such numbers in the text it reads by OCR today;
// the values package reads them so in texts stored before.
//
// Joining a point that is not a decimal point changes what the text says
// (1. 50%以上的社区 is an item about 50%, not 1.50%), so it is joined
// only on evidence. A point with spaces on both sides (87 . 6) is
// decimal: a list writes its item's number with the point against it. A
// point against one run of digits (1. 5, 3 .2) is decimal only mid-
// sentence, right after a character that is neither a space nor a mark
// opening a clause (总额的1. 5%); at the text's or a line's start, after
// a clause mark or an opening bracket (说明：1. 社区…；2. 85%的市民…, as the
// 武汉 statistics' notes write them), or after a space (目标任务 3. 5个街道)
// it numbers an item, unless its whole part is 0, which no list counts
// from, or a word that states a quantity comes before it (quantityBefore:
// 达到 3. 5%, 同比增长：3. 5%) and % or a unit after it (unitAfter): no list
// puts its items' numbers there. A per cent sign after the fraction alone
// is no evidence: a list item may open with a percentage (说明：2. 85%的市民). Digits after the point that are a year (3. 2016
// 年底, 3 . 2016—2020年) are never joined, whatever the spaces. A line
// break is no space here: a number ending a line and an item's number
// starting the next are two.
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
	spaceBefore, spaceAfter := j > last+1, next > j+1
	if !spaceBefore && !spaceAfter || next >= len(rs) || !isDigit(rs[next]) {
		return "", i // no space: a number as written, read plainly
	}
	end := next
	for end < len(rs) && isDigit(rs[end]) {
		end++
	}
	if yearAt(rs, next, end) {
		return "", i // an item's number before a year: 3. 2016年底
	}
	if !(spaceBefore && spaceAfter) && itemStart(rs, i) && string(rs[i:last+1]) != "0" &&
		!(quantityBefore(rs, i) && unitAfter(rs, end)) {
		return "", i
	}
	return string(rs[i:last+1]) + "." + string(rs[next:end]), end
}

// yearAt reports whether the digits rs[from:to] are a year: 19xx or 20xx
// followed, through OCR's spaces, by 年 or a mark that joins it to another
// year (2016—2020年, 2016至2020年).
func yearAt(rs []rune, from, to int) bool {
	if to-from != 4 || !(rs[from] == '1' && rs[from+1] == '9' || rs[from] == '2' && rs[from+1] == '0') {
		return false
	}
	k := skipSpaces(rs, to)
	return k < len(rs) && strings.ContainsRune("年至到-—–~～", rs[k])
}

// itemStart reports whether a number at rs[i] stands where a list puts its
// item's number: the text's start, after a space, a clause mark or an
// opening bracket.
func itemStart(rs []rune, i int) bool {
	if i == 0 {
		return true
	}
	r := rs[i-1]
	return r == ' ' || r == '\t' || endsClause(r) || strings.ContainsRune("(（[【〔", r)
}

// quantityVerbs state the quantity that follows them: 达到 3. 5%,
// 增长 3. 5%. 为 alone is not one: it ends 因为, 成为, 作为 and opens
// lists (主要措施为：1. 5个社区试点); it is after a word naming a
// quantity (quantityIs: 人数为 3. 2万人次).
var quantityVerbs = []string{"达到", "增长", "提高", "占"}

// quantityIs are the last characters of words naming a quantity, before
// 为: 人数为, 比例为, 总额为, 数量为, 覆盖率为.
const quantityIs = "数率例重额量值"

// quantityNouns name a quantity whose value follows their colon:
// 覆盖率：3. 5%. Another word's colon (说明：) may open a list.
var quantityNouns = []string{"率", "比例", "比重"}

// quantityBefore reports whether a number at rs[i], with spaces before it
// but no line break, follows a word that states the quantity it is: a
// quantityVerbs verb, or a colon after one or after a quantityNouns noun.
func quantityBefore(rs []rune, i int) bool {
	k := i
	for k > 0 && (rs[k-1] == ' ' || rs[k-1] == '\t') {
		k--
	}
	words := quantityVerbs
	if k > 0 && (rs[k-1] == '：' || rs[k-1] == ':') {
		k--
		for k > 0 && (rs[k-1] == ' ' || rs[k-1] == '\t') {
			k--
		}
		words = append(slices.Clip(quantityVerbs), quantityNouns...)
	}
	for _, w := range words {
		if runesEndWith(rs[:k], w) {
			return true
		}
	}
	if k == 0 || rs[k-1] != '为' {
		return false
	}
	k = skipSpacesBack(rs, k-1)
	return k > 0 && strings.ContainsRune(quantityIs, rs[k-1])
}

// runesEndWith reports whether rs ends with w, without copying rs (a
// page's runes, once for each number on it). Spaces may stand between
// w's characters: tesseract's chi_sim reads each Han character as a word
// of its own, so a line of its words says 达 到 38 .5 万, not 达到.
func runesEndWith(rs []rune, w string) bool {
	ws := []rune(w)
	k := len(rs)
	for j := len(ws) - 1; j >= 0; j-- {
		if j < len(ws)-1 {
			k = skipSpacesBack(rs, k)
		}
		if k == 0 || rs[k-1] != ws[j] {
			return false
		}
		k--
	}
	return true
}

// skipSpacesBack is the start of the spaces and tabs that end rs[:k].
func skipSpacesBack(rs []rune, k int) int {
	for k > 0 && (rs[k-1] == ' ' || rs[k-1] == '\t') {
		k--
	}
	return k
}

// units are the units of a quantity whose first character may follow a
// number (3.5万人, 3.5倍, 3.5个百分点); none an item's heading starts with
// (项, 条, 是, 要), so 达到 2. 3项 is not read as a quantity of 2.3项.
const units = "万亿千百个人元倍册所次座家户名场天岁平米公里吨亩小"

// unitAfter reports whether a per cent sign or a unit follows rs[i:],
// through spaces.
func unitAfter(rs []rune, i int) bool {
	i = skipSpaces(rs, i)
	return PercentAt(rs, i) || i < len(rs) && strings.ContainsRune(units, rs[i])
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
