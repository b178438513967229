package extract

import (
	"strings"
	"unicode"
)

// joinDigitGroups takes out of one line of OCR's words the space tesseract
// reads where a thousands separator stands, 1,260个 read as "1 260 个", so
// that the words around it find the number (学校1260个; the index found a
// bare 1260 by its value already): a first group of one to three digits (not
// starting with 0), then one or more groups of exactly three digits each
// after exactly one space, is one number when
//
//   - what stands before it, past spaces, is a Han character or a colon
//     (学校 1 260 个, 人数：1 260人), and not one that numbers a thing
//     (表3 260个, 第1 260, 附件2 150所: a label's number and a count);
//   - what follows its last group, past spaces, is a unit or a word of
//     quantity (个, 人, 人次, 万, 元, 所, 余, 多 … : unitAfterGroups).
//
// Everything else stays as read: a number at a line's start or end or
// after another number (a table's row, 合计 1 260 342; 3 260 1 200), one
// followed by a digit, a point, a per cent sign, a Latin letter or a Han
// character that is no unit (a table's next cell, 上城区 3 260 下城区), a
// year or a phone number, whose groups have four digits (2024 12, 0571
// 8765 4321), and a date's year, month and day (年, 月, 日 are no unit
// here). Groups parted by two spaces or more are columns, not one number:
// lineText parts so the words tesseract placed a column apart.
func joinDigitGroups(line string) string {
	rs := []rune(line)
	var b strings.Builder
	changed := false
	for i := 0; i < len(rs); {
		if end, ok := digitGroupsAt(rs, i); ok {
			for _, r := range rs[i:end] {
				if r != ' ' {
					b.WriteRune(r)
				}
			}
			i, changed = end, true
			continue
		}
		b.WriteRune(rs[i])
		i++
	}
	if !changed {
		return line
	}
	return b.String()
}

// unitAfterGroups are what may follow a number joinDigitGroups joins: the
// units and measure words a count or an amount is written with, and 余 and
// 多 (1 260余人).
const unitAfterGroups = "个人万亿千百元所名项次场册家座间处条本份台辆户位篇门吨米亩件批节课余多种类支套张"

// labelBeforeGroups number a thing: a digit after them is the thing's
// number, and a count may follow it (表3 260个).
const labelBeforeGroups = "表图件章节条款项页期号届第"

// digitGroupsAt reports whether rs[i:] starts a number whose groups
// joinDigitGroups joins, and where its last group ends.
func digitGroupsAt(rs []rune, i int) (int, bool) {
	if !isASCIIDigit(rs[i]) || rs[i] == '0' || i > 0 && isASCIIDigit(rs[i-1]) || !groupsFollowWord(rs, i) {
		return 0, false
	}
	end := digitsEnd(rs, i)
	if end-i > 3 {
		return 0, false
	}
	groups := 0
	for end+1 < len(rs) && rs[end] == ' ' && isASCIIDigit(rs[end+1]) {
		next := digitsEnd(rs, end+1)
		if next-end-1 != 3 {
			return 0, false
		}
		end, groups = next, groups+1
	}
	after := skipSpaces(rs, end)
	if groups == 0 || after == len(rs) || !strings.ContainsRune(unitAfterGroups, rs[after]) {
		return 0, false
	}
	return end, true
}

// groupsFollowWord reports whether what stands before rs[i], past spaces,
// is a Han character that numbers nothing, or a colon.
func groupsFollowWord(rs []rune, i int) bool {
	k := i - 1
	for k >= 0 && rs[k] == ' ' {
		k--
	}
	if k < 0 {
		return false
	}
	r := rs[k]
	return r == ':' || r == '：' || unicode.Is(unicode.Han, r) && !strings.ContainsRune(labelBeforeGroups, r)
}

// digitsEnd is where the run of ASCII digits at rs[i] ends.
func digitsEnd(rs []rune, i int) int {
	for i < len(rs) && isASCIIDigit(rs[i]) {
		i++
	}
	return i
}
