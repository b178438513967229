package search

import (
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// FirstYear and LastYear bound the year a search may filter by: a
// document's year is its monitoring round's (catalog.FirstRoundYear to
// LastRoundYear) or, with none, the year it was issued, which may be
// earlier (a 1998 regulation), so the bounds are wider than a round's.
const (
	FirstYear = 1900
	LastYear  = 2200
)

// ParseYear reads a year a search filters by (year=, round=) in field:
// EINVALID about field when it is no number or outside FirstYear to
// LastYear (-1, 99999), the rule a search and a saved search share.
func ParseYear(field, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < FirstYear || n > LastYear {
		return 0, catalog.Errorf(catalog.EINVALID, "年份应为 %d 至 %d 年间的四位数字，收到 %q", FirstYear, LastYear, s).OnField(field)
	}
	return n, nil
}

// ParseIssuedRange reads the dates of issue a search keeps, as people
// write them (catalog.ParseDate): a whole year or month stretches over
// all its days, so from=2018 to=2018-03 keeps 1 January to 31 March 2018.
// Either may be empty (open); from after to is EINVALID.
func ParseIssuedRange(fromField, from, toField, to string) (start, end time.Time, err error) {
	if start, _, err = dateSpan(fromField, from); err != nil {
		return
	}
	if _, end, err = dateSpan(toField, to); err != nil {
		return
	}
	if !start.IsZero() && !end.IsZero() && start.After(end) {
		return time.Time{}, time.Time{}, catalog.FieldErrorf(toField, catalog.EINVALID,
			"截止日期 %s 早于起始日期 %s", end.Format("2006-01-02"), start.Format("2006-01-02"))
	}
	return start, end, nil
}

// dateSpan is the first and last day of a date written as a year, a month
// or a day; "" is two zero times.
func dateSpan(field, s string) (first, last time.Time, err error) {
	d, err := catalog.ParseDate(field, s)
	if err != nil || d == "" {
		return time.Time{}, time.Time{}, err
	}
	switch len(d) {
	case len("2006"):
		first, _ = time.Parse("2006", d)
		return first, first.AddDate(1, 0, -1), nil
	case len("2006-01"):
		first, _ = time.Parse("2006-01", d)
		return first, first.AddDate(0, 1, -1), nil
	}
	first, _ = time.Parse("2006-01-02", d)
	return first, first, nil
}

// ParseSort reads a search's order: relevance (or ""), issued (newest
// first), issued_asc, uploaded (newest first).
func ParseSort(s string) (index.Sort, error) {
	if s == "relevance" {
		return index.SortRelevance, nil
	}
	for _, o := range index.Sorts {
		if string(o) == s {
			return o, nil
		}
	}
	return "", catalog.FieldErrorf("sort", catalog.EINVALID, "排序方式 %q 无效；可用 relevance、issued、issued_asc、uploaded", s)
}

// ParseMatch reads how a search matches its words (the request parameter
// match): "substring" matches every word as a substring
// (Request.Substring), "" or "word" matches dictionary words as words.
func ParseMatch(s string) (bool, error) {
	switch s {
	case "", "word":
		return false, nil
	case "substring":
		return true, nil
	}
	return false, catalog.FieldErrorf("match", catalog.EINVALID, "匹配方式 %q 无效；可用 word（按词，默认）或 substring（按字串）", s)
}
