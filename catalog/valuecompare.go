package catalog

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Why an earlier round's value is not compared with this round's.
const (
	// IncomparableUnit: the two are counted in different units (人 and
	// 万人次, after the indicator's unit changed), which no scale converts.
	IncomparableUnit = "unit"
	// IncomparableContradicted: a review found the earlier value
	// contradicted by its evidence (与证据不符).
	IncomparableContradicted = "contradicted"
	// IncomparableSourcesDeleted: every document the earlier value cites
	// was deleted (出处已删除): its round's report marks it lacking
	// evidence, so a change from it would rest on nothing.
	IncomparableSourcesDeleted = "sources_deleted"
)

// Comparison is how a value stands against the same indicator's value of
// an earlier round.
type Comparison struct {
	// Change is this value minus the earlier one, in this value's unit
	// (the earlier one brought to it: 12.3万人 is 123000 人), to as many
	// decimals as the two have (58.6% − 56% is 2.6, not the float's
	// 2.5999999999999996); set only when Comparable.
	Change     float64
	Comparable bool
	// Unit is the unit Change is counted in: this value's unit, but
	// 个百分点 for a percentage (58.6% after 56% is 2.6 percentage points,
	// never 2.6%, which reads as a relative rise) and 个千分点 for a
	// per-mille rate (ChangeUnit); set only when Comparable.
	Unit string
	// Why is IncomparableUnit, IncomparableContradicted or
	// IncomparableSourcesDeleted when not Comparable.
	Why string
}

// CompareWith compares v with p, the value of an earlier round: never as
// if the two were comparable when p is counted in another unit, a
// review contradicted it or its cited document was deleted.
func (v *Value) CompareWith(p *Value) Comparison {
	if p.Status == ClaimContradicted {
		return Comparison{Why: IncomparableContradicted}
	}
	if p.SourcesDeleted {
		return Comparison{Why: IncomparableSourcesDeleted}
	}
	vs, vb := unitScale(v.Unit)
	ps, pb := unitScale(p.Unit)
	if vb != pb {
		return Comparison{Why: IncomparableUnit}
	}
	earlier := significant(p.Number * ps / vs)
	places := max(decimals(v.Number), decimals(earlier))
	scale := math.Pow10(places)
	return Comparison{Change: math.Round((v.Number-earlier)*scale) / scale, Comparable: true, Unit: ChangeUnit(v.Unit)}
}

// ChangeUnit is the unit a change of a value in unit is counted in: the
// unit itself (7000人, 6.3万人次), but the points of a rate: a change of a
// percentage (%, ％, 百分比) is in 个百分点, of a per-mille rate (‰) in
// 个千分点. Written with %, a change of a rate would read as relative to
// it (58.6% up 2.6% is 60.1%).
func ChangeUnit(unit string) string {
	switch _, base := unitScale(unit); base {
	case "%":
		return PercentagePoints
	case "‰":
		return PerMillePoints
	}
	return unit
}

// The units of a change of a rate (ChangeUnit).
const (
	PercentagePoints = "个百分点"
	PerMillePoints   = "个千分点"
)

// IsPoints reports whether unit is the points a rate changes by
// (个百分点, 个千分点): a change in it is a rise or a fall (提高, 下降),
// not an increase of a count (增加, 减少).
func IsPoints(unit string) bool {
	return unit == PercentagePoints || unit == PerMillePoints
}

// significant is x at twelve significant digits: a value brought to
// another unit's scale without the float's noise (1.56万 is 15600, not
// 15600.000000000002).
func significant(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// decimals is how many decimal places x is written with (2 for 56.25, 0
// for 15600), at most 12.
func decimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return min(len(frac), 12)
	}
	return 0
}

// unitScale splits a unit into its scale and base: 万人次 is 1e4 and 人次,
// 人 is 1 and 人; ％ and 百分比 are %, and units compare whatever their
// width (元／人 is 元/人).
func unitScale(u string) (float64, string) {
	u = strings.TrimSpace(width.Fold.String(u))
	if u == "百分比" || u == "百分率" {
		return 1, "%"
	}
	for _, s := range []struct {
		prefix string
		scale  float64
	}{{"亿", 1e8}, {"万", 1e4}, {"千", 1e3}, {"百", 1e2}} {
		if rest, ok := strings.CutPrefix(u, s.prefix); ok && rest != "" && rest != "分比" {
			return s.scale, rest
		}
	}
	return 1, u
}
