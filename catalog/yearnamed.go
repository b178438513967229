package catalog

import (
	"regexp"
	"strconv"
)

// yearInName is a year as titles and file names write it: 2018年…,
// 2018年度…, or inside a 文号's brackets (〔2018〕, [2018]); not a run of
// digits longer than four, such as a telephone number.
var yearInName = regexp.MustCompile(`(?:^|[^0-9０-９])((?:19|20)[0-9]{2})(?:年|〕|\]|］)`)

// yearRange is a span of years (2017—2018年, 2017-2018): more than one.
var yearRange = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*[—–\-－~～至到]\s*(?:19|20)[0-9]{2}`)

// YearNamed returns the one year the texts name between them (a
// document's title and file name: “2018年统计数据.xlsx” names 2018), or 0
// when they name none or more than one (2017—2018年).
func YearNamed(texts ...string) int {
	year := 0
	for _, t := range texts {
		if yearRange.MatchString(t) {
			return 0
		}
		for _, m := range yearInName.FindAllStringSubmatch(t, -1) {
			y, _ := strconv.Atoi(m[1])
			if year != 0 && y != year {
				return 0
			}
			year = y
		}
	}
	return year
}

// RoundNamedIn says where the round of d, inferred without a date, came
// from: "title" when its title names that year (YearNamed), "filename"
// when its file name does, "" otherwise (a typed round, a date's, or the
// current round for want of both).
func RoundNamedIn(d *Document) string {
	if d.Round == "" || d.IssuedOn != "" || !d.IsExtracted(FieldRound) {
		return ""
	}
	if strconv.Itoa(YearNamed(d.Title)) == d.Round {
		return "title"
	}
	if strconv.Itoa(YearNamed(d.Filename)) == d.Round {
		return "filename"
	}
	return ""
}
