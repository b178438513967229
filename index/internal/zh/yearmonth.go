package zh

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
	s, e := j, j+1
	for s > 0 && j-s < 8 && (isDigit(rs[s-1]) || isNumberSep(rs[s-1])) {
		s--
	}
	for e < len(rs) && e-j < 8 && (isDigit(rs[e]) || isNumberSep(rs[e]) && e+1 < len(rs) && isDigit(rs[e+1])) {
		e++
	}
	return YearMonth(string(rs[s:e]))
}
