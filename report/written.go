package report

import (
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// written is a value in the report's language as the values page shows
// it (catalog.Value.WrittenIn): as its coordinator wrote it, 12.3万人, in
// Chinese; in English form in English, 123,000 people.
func (r *Report) written(v *catalog.Value) string {
	return v.WrittenIn(r.Lang == English)
}

// valueCells are a value's number and unit cells. In Chinese the number
// is as its coordinator wrote it (12.3万 stays 12.3万, never 123000) and
// the unit the one it was written in (catalog.Value.WrittenParts); a
// number that reads the same as a plain number is a number cell. In
// English the number is always a number cell, counted out of 万 or 亿
// into the base unit (12345000 and attendances for 1234.5 万人次:
// catalog.BaseAmount, catalog.EnglishParts), so that it sums and sorts;
// its cell's number format (englishNumberFormat) shows the thousands.
func (r *Report) valueCells(v *catalog.Value) (number any, unit string) {
	if r.Lang == English {
		f, _ := catalog.BaseAmount(v.Number, v.Unit)
		_, u, _ := catalog.EnglishParts(v.Number, v.Unit)
		return f, u
	}
	n, u := v.WrittenParts()
	u = r.unit(u)
	if f, err := strconv.ParseFloat(n, 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) == n {
		return f, u
	}
	return n, u
}

// englishNumberFormat is the English report's value cells' number format:
// thousands separated, up to three decimals (12,345,000; 1,234.5).
const englishNumberFormat = "#,##0.###"

// unit is an indicator's unit in the report's language, as the web pages
// name it (catalog.UnitIn).
func (r *Report) unit(u string) string {
	return catalog.UnitIn(u, r.Lang == English)
}

// amount is a change of a value in its unit: 7000人, in English 7,000
// people (catalog.AmountIn).
func (r *Report) amount(n float64, unit string) string {
	return catalog.AmountIn(n, unit, r.Lang == English)
}
