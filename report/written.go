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
// the unit the one it was written in (catalog.Value.WrittenParts); in
// English both are in English form (123,000 and people, 12.345 million
// and attendances for 1234.5 万人次: catalog.EnglishParts). A number that
// reads the same as a plain number is a number cell.
func (r *Report) valueCells(v *catalog.Value) (number any, unit string) {
	n, u := v.WrittenParts()
	if r.Lang == English {
		n, u, _ = catalog.EnglishParts(v.Number, v.Unit)
	} else {
		u = r.unit(u)
	}
	if f, err := strconv.ParseFloat(n, 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) == n {
		return f, u
	}
	return n, u
}

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
