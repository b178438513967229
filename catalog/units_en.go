package catalog

import (
	"strconv"

	"golang.org/x/text/width"
)

// unitNamesEN are the English words of the units of the indicators in the
// frameworks in use; a unit without words here (%, or a framework's own)
// is shown as the framework writes it in English too.
var unitNamesEN = map[string]string{
	"个": "count", "人": "people", "人次": "attendances", "万人": "10,000 people", "万人次": "10,000 attendances",
	"元": "yuan", "万元": "10,000 yuan", "亿元": "100 million yuan", "元/人": "yuan per person",
	"册": "volumes", "册/人": "volumes per person", "年": "years", "天": "days", "小时": "hours", "学时": "study hours",
	"场": "events", "次": "times", "所": "institutions", "家": "organisations", "项": "items", "门": "courses",
	"个百分点": "percentage points", "平方米": "m²",
}

// UnitIn is an indicator's unit in a page's or report's language: in
// English its English words (元/人 is "yuan per person"), as written when
// it has none or in Chinese. The web pages and the report name units by it.
func UnitIn(unit string, english bool) string {
	if en, ok := unitNamesEN[width.Fold.String(unit)]; ok && english {
		return en
	}
	return unit
}

// WrittenIn is the value as its coordinator wrote it (Written), in English
// with its unit's English words after it: 12.3万人 (people), 56.5%. The
// values page and the report show a value by it.
func (v *Value) WrittenIn(english bool) string {
	_, unit := v.WrittenParts()
	if en := UnitIn(unit, english); en != unit {
		return v.Written() + " (" + en + ")"
	}
	return v.Written()
}

// WrittenParts splits the value as written (Written) into its number as
// the coordinator wrote it and the unit that follows it: 12.3万 and 人 for
// 12.3万 typed for 人 (or 12.3万人 typed), 12345000 and 人次 for 12345000人次
// typed for 万人次; the stored number and unit when nothing was written.
// The report's value and unit columns hold the two.
func (v *Value) WrittenParts() (number, unit string) {
	if v.Given == "" {
		return strconv.FormatFloat(v.Number, 'f', -1, 64), v.Unit
	}
	if v.Unit == "" {
		return v.Given, ""
	}
	if n, u, ok := v.writtenUnit(); ok {
		return n, u
	}
	return v.Given, v.Unit
}
