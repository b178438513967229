package report

import (
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// written is a value as its coordinator wrote it, in the report's
// language as the values page shows it (catalog.Value.WrittenIn): 12.3万人,
// in English 12.3万人 (people).
func (r *Report) written(v *catalog.Value) string {
	return v.WrittenIn(r.Lang == English)
}

// valueCells are a value's number and unit cells: the number as its
// coordinator wrote it (12.3万 stays 12.3万, never 123000; a plain number
// that reads the same as a number is a number cell) and the unit it was written in, in the report's
// language (catalog.Value.WrittenParts, catalog.UnitIn).
func (r *Report) valueCells(v *catalog.Value) (number any, unit string) {
	n, u := v.WrittenParts()
	if f, err := strconv.ParseFloat(n, 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) == n {
		return f, r.unit(u)
	}
	return n, r.unit(u)
}

// unit is an indicator's unit in the report's language, as the web pages
// name it (catalog.UnitIn).
func (r *Report) unit(u string) string {
	return catalog.UnitIn(u, r.Lang == English)
}

// amount is a change of a value in its unit: 7000人, in English 7000
// people (7000% when the unit has no English words).
func (r *Report) amount(n float64, unit string) string {
	s := strconv.FormatFloat(n, 'f', -1, 64)
	if u := r.unit(unit); u != unit {
		return s + " " + u
	}
	return s + unit
}
