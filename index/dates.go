package index

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

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
// 2018-3-20, 2018/3/20, 2018/03/20, 2018.3.20 and 2018.03.20; nil for a
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
	} {
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}
