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

// dateForms returns the spellings a date query word is searched in, the
// word as typed first: 2018年3月20日, 2018年03月20日, 2018-03-20,
// 2018-3-20, 2018/3/20, 2018/03/20, 2018.3.20, 2018.03.20 and
// 二〇一八年三月二十日 (chineseDate); nil for a
// word that is no date (a month over 12 or a day over 31, separators that
// differ: 2018-3/20, or anything around the date).
func dateForms(word string) []string {
	m := datePattern.FindStringSubmatch(width.Fold.String(word))
	if m == nil {
		return nil
	}
	ms, ds := m[3], m[5]
	if m[2] == "" {
		ms, ds = m[6], m[7]
	} else if m[2] != m[4] {
		return nil
	}
	month, _ := strconv.Atoi(ms)
	day, _ := strconv.Atoi(ds)
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return nil
	}
	y := m[1]
	forms := []string{word}
	for _, f := range []string{
		fmt.Sprintf("%s年%d月%d日", y, month, day),
		fmt.Sprintf("%s年%02d月%02d日", y, month, day),
		fmt.Sprintf("%s-%02d-%02d", y, month, day),
		fmt.Sprintf("%s-%d-%d", y, month, day),
		fmt.Sprintf("%s/%d/%d", y, month, day),
		fmt.Sprintf("%s/%02d/%02d", y, month, day),
		fmt.Sprintf("%s.%d.%d", y, month, day),
		fmt.Sprintf("%s.%02d.%02d", y, month, day),
		chineseDate(y, month, day),
	} {
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
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
