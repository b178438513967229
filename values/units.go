package values

import (
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

// fitUnit checks the unit a value was given in against the indicator's
// and returns the factor that brings the number to the indicator's unit.
// An empty unit means the indicator's. A percentage fits only a
// percentage indicator, and nothing else fits one.
func fitUnit(ind *catalog.Indicator, given string, percent bool) (float64, error) {
	want, got := normUnit(ind.Unit), normUnit(given)
	if percent && got == "" {
		got = "%"
	}
	if percent && got != "%" {
		return 0, catalog.Errorf(catalog.EINVALID, "数值写成了百分数,单位却是 %q;请统一", given)
	}
	switch {
	case want == "" || got == "" || got == want:
		return 1, nil
	case want == "%":
		return 0, catalog.Errorf(catalog.EINVALID, "指标 %s %s 是比例(%%),不能用 %q 作单位;请填写百分比,如 85.3%%", ind.Code, ind.Name, given)
	}
	for p, f := range scales {
		if rest, ok := strings.CutPrefix(got, p); ok && rest == want {
			return f, nil
		}
	}
	return 0, catalog.Errorf(catalog.EINVALID, "单位 %q 与指标 %s %s 的单位 %q 不符", given, ind.Code, ind.Name, ind.Unit)
}
