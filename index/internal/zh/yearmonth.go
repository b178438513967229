package zh

import "strings"

// YearMonth reports whether number, digits and points as a text writes
// them, is a year and October (2024.10): its zero is the month's, not a
// decimal's trailing zero, so 2024.1 (January) must not find it, as
// 96.5 finds 96.50 (valueEnd).
func YearMonth(number string) bool {
	if len(number) != 7 || number[4] != '.' || number[5:] != "10" {
		return false
	}
	if y := number[:2]; y != "19" && y != "20" {
		return false
	}
	return isDigit(rune(number[2])) && isDigit(rune(number[3]))
}

// yearMonthAt reports whether the number holding rs[j] is a year and
// October (YearMonth). It reads no further than such a number's length
// either side, so a long number costs no more than a short one.
func yearMonthAt(rs []rune, j int) bool {
	s, e := numberAround(rs, j)
	return YearMonth(string(rs[s:e]))
}

// numberAround is where the number holding rs[j] begins and ends, read no
// further than 8 characters either side.
func numberAround(rs []rune, j int) (s, e int) {
	s, e = j, j+1
	for s > 0 && j-s < 8 && (isDigit(rs[s-1]) || isNumberSep(rs[s-1])) {
		s--
	}
	for e < len(rs) && e-j < 8 && (isDigit(rs[e]) || isNumberSep(rs[e]) && e+1 < len(rs) && isDigit(rs[e+1])) {
		e++
	}
	return s, e
}

// sectionNumberAt reports whether the number holding rs[j] numbers a
// clause, section or version: after 第 or a v (第3.10条, v2.10) or before
// 条 款 项 章 节. Its digits after the point count (3.10 is the tenth
// clause of 3, not 3.1), so its zeros are no decimal's trailing zeros.
func sectionNumberAt(rs []rune, j int) bool {
	s, e := numberAround(rs, j)
	if s > 0 && (rs[s-1] == '第' || rs[s-1] == 'v' || rs[s-1] == 'V') {
		return true
	}
	return e < len(rs) && strings.ContainsRune("条款项章节", rs[e])
}
