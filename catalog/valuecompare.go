package catalog

import (
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
)

// Comparison is how a value stands against the same indicator's value of
// an earlier round.
type Comparison struct {
	// Change is this value minus the earlier one, in this value's unit
	// (the earlier one brought to it: 12.3万人 is 123000 人); set only
	// when Comparable.
	Change     float64
	Comparable bool
	// Why is IncomparableUnit or IncomparableContradicted when not
	// Comparable.
	Why string
}

// CompareWith compares v with p, the value of an earlier round: never as
// if the two were comparable when p is counted in another unit or a
// review contradicted it.
func (v *Value) CompareWith(p *Value) Comparison {
	if p.Status == ClaimContradicted {
		return Comparison{Why: IncomparableContradicted}
	}
	vs, vb := unitScale(v.Unit)
	ps, pb := unitScale(p.Unit)
	if vb != pb {
		return Comparison{Why: IncomparableUnit}
	}
	return Comparison{Change: v.Number - p.Number*ps/vs, Comparable: true}
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
