package index

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// A date is written in several ways: 2018年3月20日 in a document's text,
// 2018-03-20 in the archive's own columns (成文日期), which reviewers copy,
// 2018/3/20 and 2018.3.20 in tables. A query word that is a date is
// searched in each of those spellings (dateForms), so that any one finds
// the others. These are forms of the query only: the index holds the
// characters as the document writes them.

// datePattern matches a whole query word that is a date: a year of four
// digits, a month and a day of one or two, parted by one of - / . or
// written 年 月 日 (the 日 may be left out).
var datePattern = regexp.MustCompile(`^(\d{4})(?:([-/.])(\d{1,2})([-/.])(\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$`)

// chineseDatePattern matches a whole query word that is a date in
// Chinese numerals, as a 公文 is dated: a year digit by digit with any
// sign of zero (zeroSigns), a month and a day as numbers (二〇一七年九月一日).
var chineseDatePattern = regexp.MustCompile(`^([〇○零0O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$`)

// yearMonthPattern and monthDayPattern match a whole query word that is a
// month of a year (2018年3月, 2018-03, 2018/3, 二〇一八年三月) or a day of
// a month (3月20日, 三月二十日).
var (
	yearMonthPattern = regexp.MustCompile(`^(?:(\d{4})(?:年(\d{1,2})月|[-/](\d{1,2}))|([〇○零0O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月)$`)
	monthDayPattern  = regexp.MustCompile(`^(?:(\d{1,2})月(\d{1,2})日|([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日)$`)
)

// dateForms returns the spellings a date query word is searched in, the
// word as typed first: 2018年3月20日, 2018年03月20日, 2018-03-20,
// 2018-3-20, 2018/3/20, 2018/03/20, 2018.3.20, 2018.03.20 and
// 二〇一八年三月二十日 (chineseDate), whichever of them it is typed in;
// of a month of a year or a day of a month those of its part of a date
// (partDateForms); nil for a word that is no date (a month over 12 or a
// day over 31, separators that differ: 2018-3/20, or anything around the
// date).
func dateForms(word string) []string {
	folded := width.Fold.String(word)
	y, month, day, ok := readDate(folded)
	if !ok {
		return partDateForms(word, folded)
	}
	return appendNew([]string{word},
		fmt.Sprintf("%s年%d月%d日", y, month, day),
		fmt.Sprintf("%s年%02d月%02d日", y, month, day),
		fmt.Sprintf("%s-%02d-%02d", y, month, day),
		fmt.Sprintf("%s-%d-%d", y, month, day),
		fmt.Sprintf("%s/%d/%d", y, month, day),
		fmt.Sprintf("%s/%02d/%02d", y, month, day),
		fmt.Sprintf("%s.%d.%d", y, month, day),
		fmt.Sprintf("%s.%02d.%02d", y, month, day),
		chineseDate(y, month, day),
	)
}

// readDate reads a date in Arabic digits or in Chinese numerals: its year
// in four digits, its month and its day.
func readDate(word string) (year string, month, day int, ok bool) {
	if m := chineseDatePattern.FindStringSubmatch(word); m != nil {
		year, ok = arabicYear(m[1])
		month, day = chineseSmallValue(m[2]), chineseSmallValue(m[3])
		return year, month, day, ok && validDay(month, day)
	}
	m := datePattern.FindStringSubmatch(word)
	if m == nil {
		return "", 0, 0, false
	}
	ms, ds := m[3], m[5]
	if m[2] == "" {
		ms, ds = m[6], m[7]
	} else if m[2] != m[4] {
		return "", 0, 0, false
	}
	month, _ = strconv.Atoi(ms)
	day, _ = strconv.Atoi(ds)
	return m[1], month, day, validDay(month, day)
}

// partDateForms returns the spellings of a month of a year (2018年3月,
// 2018年03月, 二〇一八年三月, 2018-03, 2018-3, 2018/3, 2018/03: the head of
// each of a date's spellings but the dotted one, which a decimal number
// continues) or of a day of a month (3月20日, 03月20日, 三月二十日, 03-20),
// the word first, so that either finds a whole date in any spelling; nil
// for any other word. 一月 and 二月 are not searched in Chinese numerals
// without their year: 十一月 and 十二月 end with them.
func partDateForms(word, folded string) []string {
	if m := yearMonthPattern.FindStringSubmatch(folded); m != nil {
		y, ms := m[1], m[2]+m[3]
		month, _ := strconv.Atoi(ms)
		if m[4] != "" {
			y, _ = arabicYear(m[4])
			month = chineseSmallValue(m[5])
		}
		if y == "" || !validDay(month, 1) {
			return nil
		}
		return appendNew([]string{word},
			fmt.Sprintf("%s年%d月", y, month),
			fmt.Sprintf("%s年%02d月", y, month),
			fmt.Sprintf("%s-%02d", y, month),
			fmt.Sprintf("%s-%d", y, month),
			fmt.Sprintf("%s/%d", y, month),
			fmt.Sprintf("%s/%02d", y, month),
			strings.TrimSuffix(chineseDate(y, month, 1), "一日"),
		)
	}
	m := monthDayPattern.FindStringSubmatch(folded)
	if m == nil {
		return nil
	}
	month, _ := strconv.Atoi(m[1])
	day, _ := strconv.Atoi(m[2])
	if m[3] != "" {
		month, day = chineseSmallValue(m[3]), chineseSmallValue(m[4])
	}
	if !validDay(month, day) {
		return nil
	}
	forms := appendNew([]string{word},
		fmt.Sprintf("%d月%d日", month, day),
		fmt.Sprintf("%02d月%02d日", month, day),
		fmt.Sprintf("%02d-%02d", month, day),
	)
	if month > 2 {
		forms = appendNew(forms, chineseSmall(month)+"月"+chineseSmall(day)+"日")
	}
	return forms
}

// appendNew appends to forms each of more it does not hold.
func appendNew(forms []string, more ...string) []string {
	for _, f := range more {
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// validDay reports whether month and day may be a day of a year.
func validDay(month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// arabicYear writes a year in Chinese numerals digit by digit
// (二〇一八, with any sign of zero) in Arabic digits.
func arabicYear(cn string) (string, bool) {
	var b strings.Builder
	for _, r := range cn {
		switch {
		case slices.Contains(zeroSigns, r):
			b.WriteByte('0')
		case strings.ContainsRune(chineseNumerals, r):
			b.WriteByte(byte('1' + strings.IndexRune(chineseNumerals, r)/len("一")))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// chineseSmallValue reads n, 1 to 31, written in Chinese numerals as
// chineseSmall writes it; 0 for anything else.
func chineseSmallValue(s string) int {
	for n := 1; n <= 31; n++ {
		if chineseSmall(n) == s {
			return n
		}
	}
	return 0
}

// chineseDate writes a date in Chinese numerals as a 公文 is dated
// (二〇一八年三月二十日): the year digit by digit, the month and the day
// as numbers; searchForms adds the year's other signs of zero.
func chineseDate(year string, month, day int) string {
	var b strings.Builder
	for _, c := range []byte(year) {
		b.WriteRune([]rune("〇" + chineseNumerals)[c-'0'])
	}
	return b.String() + "年" + chineseSmall(month) + "月" + chineseSmall(day) + "日"
}

// chineseSmall writes n, 1 to 31, in Chinese numerals (三, 十, 十二, 二十,
// 三十一).
func chineseSmall(n int) string {
	digit := func(d int) string { return string([]rune(chineseNumerals)[d-1]) }
	switch {
	case n < 10:
		return digit(n)
	case n%10 == 0 && n > 10:
		return digit(n/10) + "十"
	case n%10 == 0:
		return "十"
	case n < 20:
		return "十" + digit(n%10)
	}
	return digit(n/10) + "十" + digit(n%10)
}
