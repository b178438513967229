package values

import (
	"math"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// normUnit folds the ways a unit is typed: full-width forms, ％ and 百分比.
func normUnit(u string) string {
	u = strings.TrimSpace(fold(u))
	switch u {
	case "百分比", "百分率", "percent":
		return "%"
	}
	return u
}

// scales are the prefixes a unit may carry on top of the indicator's
// (万人 for 人, 亿元 for 元).
var scales = map[string]float64{"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

// splitScale splits a unit into the scale it starts with and the rest:
// 万人次 is 1e4 and 人次, 人 is 1 and 人.
func splitScale(u string) (float64, string) {
	for p, f := range scales {
		if rest, ok := strings.CutPrefix(u, p); ok && rest != "" {
			return f, rest
		}
	}
	return 1, u
}

// fitUnit checks the unit a value was given in against the indicator's
// and returns the fraction mul/div that brings the number to the
// indicator's unit. An empty unit means the indicator's, except that a
// number written with 万 or 亿 (scaled) for an indicator counted in 万
// (万人次) is a count of the unit's base: 1234.5万 is 1234.5 万人次, not
// 12345000 万人次. A percentage fits only a percentage indicator, and
// nothing else fits one.
func fitUnit(ind *catalog.Indicator, given string, percent, scaled bool) (mul, div float64, err error) {
	want, got := normUnit(ind.Unit), normUnit(given)
	if percent && got == "" {
		got = "%"
	}
	if percent && got != "%" {
		return 0, 0, catalog.Errorf(catalog.EINVALID, "数值写成了百分数，单位却是 %q；请统一", given)
	}
	wantScale, wantBase := splitScale(want)
	switch {
	case want == "" || got == want:
		return 1, 1, nil
	case got == "":
		if scaled && wantScale != 1 {
			return 1, wantScale, nil
		}
		return 1, 1, nil
	case want == "%":
		return 0, 0, catalog.Errorf(catalog.EINVALID, "指标 %s %s 是比例（%%），不能用 %q 作单位；请填写百分比，如 85.3%%", ind.Code, ind.NameWords(), given)
	}
	if gotScale, gotBase := splitScale(got); gotBase == wantBase {
		return gotScale, wantScale, nil
	}
	return 0, 0, catalog.Errorf(catalog.EINVALID, "单位 %q 与指标 %s %s 的单位 %q 不符", given, ind.Code, ind.NameWords(), ind.Unit)
}

// ownUnit is the unit a value is read in when unit was typed for it:
// none for the indicator's own unit, which the form asks to leave blank
// (单位(留空即指标单位)) and which must then read as a blank does
// (125.6万 | 万人次 is 125.6 万人次, as 125.6万 alone is); unit otherwise.
func ownUnit(ind *catalog.Indicator, unit string) string {
	if normUnit(unit) == normUnit(ind.Unit) {
		return ""
	}
	return unit
}

// splitValueUnit is splitTypedUnit that reads the indicator's own unit
// typed beside a unit typed inside the value (1256000人次 | 万人次) as a
// blank, as the form asks (ownUnit). A number alone keeps the unit typed
// for it: 1千 | 万人次 is 1千万人次, and restatedUnit says when a number's
// own 万 or 亿 and the unit's are the same one.
func splitValueUnit(ind *catalog.Indicator, value Written, unit string) (Written, string) {
	if _, err := ParseNumber(strings.TrimSpace(fold(string(value)))); err == nil {
		return value, unit
	}
	if v, u := splitTypedUnit(ind, value, unit); v != value || ownUnit(ind, unit) != "" {
		return v, u
	}
	return splitTypedUnit(ind, value, "")
}

// restatedUnit is the unit n is read in when n writes its own 万 or 亿
// (12.3万, 十二万三千, 0.01256亿) and unit starts with one too (万人,
// 亿人次): the two say the scale once, as the passage does (12.3万人), so
// the unit counts its base (人) and the number keeps its own scale, never
// 10,000 times more. A unit without a scale, or a number without 万 or 亿
// (3千 | 万人 is 3千万人), keeps its unit; a base that is the indicator's
// unit reads as a blank (ownUnit).
func restatedUnit(ind *catalog.Indicator, unit string, n *Number) string {
	if n.Percent || !strings.ContainsAny(n.Text, "万亿") {
		return unit
	}
	u := normUnit(unit)
	if u == normUnit(ind.Unit) {
		// 125.6万 | 万人次 for an indicator in 万人次: as 125.6万 alone.
		return ""
	}
	for _, scale := range []string{"万", "亿"} {
		if base, ok := strings.CutPrefix(u, scale); ok && base != "" {
			return ownUnit(ind, base)
		}
	}
	return unit
}

// rescale is v*mul/div for powers of ten mul and div, by moving the
// decimal point: 0.07 万人 is 700 人, not 700.0000000000001.
func rescale(v, mul, div float64) float64 {
	shift := int(math.Round(math.Log10(mul) - math.Log10(div)))
	if shift == 0 {
		return v
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(v, 'e', -1, 64), "e")
	e, _ := strconv.Atoi(exp)
	out, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(e+shift), 64)
	if err != nil {
		return v * mul / div
	}
	return out
}

// splitTypedUnit splits the unit written after the number (123.4万人次,
// 1234567人次, 12.3万人, 85元/人): when a unit was given as well and it is
// the same (a ledger's 123个 | 个), the number before it; when no other
// unit was given and it ends with the indicator's unit's base (人次 for
// 万人次), the number with any
// 万 of its own, and that base as its unit, then read as if typed in their
// own fields. Any
// other value is returned as it is, for number and fitUnit to judge.
func splitTypedUnit(ind *catalog.Indicator, value Written, unit string) (Written, string) {
	want := normUnit(ind.Unit)
	_, wantBase := splitScale(want)
	v := strings.TrimSpace(fold(string(value)))
	if _, err := ParseNumber(v); err == nil {
		return value, unit
	}
	if given := normUnit(unit); given != "" {
		// The unit in both columns of a ledger (123个 | 个): the number is
		// what stands before it.
		if rest, ok := strings.CutSuffix(v, given); ok {
			rest = strings.Join(strings.Fields(rest), "")
			if _, err := ParseNumber(rest); err == nil {
				return Written(rest), unit
			}
		}
		return value, unit
	}
	if want == "" || want == "%" {
		return value, unit
	}
	rest, ok := strings.CutSuffix(v, wantBase)
	if !ok {
		return value, unit
	}
	// The number keeps its own 万 or 千 (123.4万, 一千二百), without the
	// space before the unit, and the unit is the base, so that it is
	// counted as written whatever the scale.
	rest = strings.Join(strings.Fields(rest), "")
	if _, err := ParseNumber(rest); err != nil {
		return value, unit
	}
	return Written(rest), wantBase
}
