package values

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// bound is the most a value can plausibly reach for an indicator whose
// unit is of family (counted per resident or not), in the family's base
// unit (人 for 万人), per resident when perCapita.
type bound struct {
	family    string
	perCapita bool
	most      float64
	// perCity says most is a count no city reaches (more than the
	// residents of the largest), for a unit that counts things or events.
	perCity bool
	// refuse says more cannot be (a share over 100%): the value is
	// refused, where more than most is otherwise only unlikely, warned
	// of and saved.
	refuse bool
	// scaledOnly limits the bound to units in 万 or 亿 (万人次): a count
	// typed out in full there (1256000 for 万人次, meaning 人次) passes it.
	scaledOnly bool
}

// bounds are what an indicator's unit allows, one row per kind of unit
// the frameworks use; a unit no row names has no upper bound, though no
// count is ever negative (plausible). Each row has its case in
// TestPlausibleBounds.
var bounds = []bound{
	// A share: more than 100% is a year or a count typed for a rate.
	{family: famPercent, most: 100, refuse: true},
	// Mean years of schooling: more than 30 is a year (2018) or a count.
	{family: famYears, most: 30},
	// China's population: no city counts more people, in 人 or in 万人.
	{family: famPeople, most: maxPeople},
	// Visits in 人次 may pass the population (an online platform's), but
	// not in 万人次, where most likely 万 was written twice.
	{family: famVisits, most: maxPeople, scaledOnly: true},
	// Public-library books per resident: the best-stocked cities hold
	// about 5; 20 is the library's whole stock typed (5000余册).
	{family: famBooks, perCapita: true, most: 20},
	// Money per resident (社区教育经费人均标准): standards run from a few
	// yuan to a few tens; over 1000 is a budget's total typed.
	{family: famMoney, perCapita: true, most: 1000},
	// Learning sites, schools, member units (个, 所, 家) and events (场,
	// 期) of one city: each has a place or an organiser in the city, so
	// there are fewer than its residents; more is 万 or 亿 typed twice or
	// digits added (1亿个 for 2.2.1). The largest count in the eight-city
	// report is 27835场 (TestDomainReportNumbersAreNotWarnedOf). A count
	// of times (次) is no such count (countsTimes).
	{family: famThings, most: maxCityCount, perCity: true},
	{family: famEvents, most: maxCityCount, perCity: true},
}

// maxCityCount is more than the residents of China's largest city
// (重庆, about 3200 万 常住人口), a ceiling no count of one city's things
// or events passes.
const maxCityCount = 5e7

// countsTimes reports a unit that counts times (次, 万次): visits to a
// learning platform or a site, which a resident makes many of, so that a
// city's count passes its residents plainly (1.2亿次 a year) and
// maxCityCount is no ceiling of it.
func countsTimes(unit string) bool {
	_, base := splitScale(normUnit(unit))
	return base == "次"
}

// maxPeople is China's population, more than any city counts of people
// or visits in a year.
const maxPeople = 1.4e9

// boundOf is the bound of an indicator's unit, and the unit's scale in
// its family's base; nil when bounds has none for it.
func boundOf(unit string) (*bound, float64) {
	fam, scale := unitFamily(unit)
	per := perCapitaUnit(unit)
	for i, b := range bounds {
		if b.perCity && countsTimes(unit) {
			continue
		}
		if b.family == fam && b.perCapita == per && (!b.scaledOnly || scale != 1) {
			return &bounds[i], scale
		}
	}
	return nil, scale
}

// changeWords in an indicator's name say it measures a change, which may
// fall below zero or pass 100%: 增长率, 增幅.
var changeWords = []string{"增长", "增幅", "增速", "变化", "变动", "提高", "下降"}

// plausible checks a value's number, in the indicator's unit, against
// what the indicator can hold (bounds). It refuses (EINVALID about the
// field value) a negative count, rate, amount or number of years, and a
// number past a bound that cannot be passed (a rate over 100%), unless
// the indicator's name says it measures a change; it warns of one past
// any other bound (years of schooling over 30, more people than China
// has, 5000 books per resident), which is saved all the same.
func plausible(ind *catalog.Indicator, number float64, typed string) (warnings []catalog.Words, err error) {
	if ind == nil {
		return nil, nil
	}
	if fam, _ := unitFamily(ind.Unit); fam == "" || measuresChange(ind) {
		return nil, nil
	}
	name := ind.NameWords()
	if number < 0 {
		return nil, catalog.FieldErrorf("value", catalog.EINVALID, "指标 %s %s 的数值不能为负数（填写的是 %s）；请核对", ind.Code, name, typed)
	}
	b, scale := boundOf(ind.Unit)
	if b == nil || number*scale <= b.most {
		return nil, nil
	}
	if b.refuse {
		return nil, catalog.FieldErrorf("value", catalog.EINVALID, "指标 %s %s 是比例，不能超过 100%%（填写的是 %s）；请核对是否误填了年份或人数", ind.Code, name, typed)
	}
	return []catalog.Words{catalog.MessageWords(unlikely(ind, b, number, scale))}, nil
}

// unlikely says why number, past b in the indicator's unit, is unlikely
// and what was most likely typed instead.
func unlikely(ind *catalog.Indicator, b *bound, number, scale float64) error {
	name := ind.NameWords()
	switch {
	case b.perCapita:
		return catalog.Errorf(catalog.EINVALID, "指标 %s %s 是人均数，数值 %s 超过 %s，很少见；请核对是否填成了总数", ind.Code, name,
			inUnit(number, ind.Unit), inUnit(b.most, ind.Unit))
	case b.perCity:
		return catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 超过 5000 万，多于任何城市的常住人口，很少见；请核对数值的位数和单位", ind.Code, name,
			inUnit(number, ind.Unit))
	case b.family == famYears:
		return catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 年超过 %d 年，很少见；请核对是否误填了年份或人数", ind.Code, name,
			strconv.FormatFloat(number, 'f', -1, 64), int(b.most))
	case scale != 1:
		// Most likely a count typed out in full for a unit in 万
		// (1256000 for 万人次, meaning 人次).
		_, base := splitScale(normUnit(ind.Unit))
		return catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 超过 14 亿，很少见；请核对数值是否按指标单位“%s”填写，或在单位栏填写数值所用的单位（如“%s”）", ind.Code, name,
			inUnit(number, ind.Unit), unitWords(ind.Unit), unitWords(base))
	default:
		return catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 超过 14 亿，很少见；请核对数值的位数和单位", ind.Code, name,
			inUnit(number, ind.Unit))
	}
}

// inUnit is number in unit in each language as catalog.AmountIn writes
// it: 1256000万人次 and 12.56 billion attendances.
func inUnit(number float64, unit string) catalog.Words {
	return catalog.Words{Chinese: catalog.AmountIn(number, unit, false), English: catalog.AmountIn(number, unit, true)}
}

// unitWords is unit in each language: 万人次 and 10,000 attendances.
func unitWords(unit string) catalog.Words {
	return catalog.Words{Chinese: unit, English: catalog.UnitIn(unit, true)}
}

// measuresChange reports whether an indicator's name says it measures a
// change (增长率), whose value may be negative or over 100%.
func measuresChange(ind *catalog.Indicator) bool {
	for _, w := range changeWords {
		if strings.Contains(ind.Name, w) {
			return true
		}
	}
	return false
}

// warnStored sets the Warnings of stored values as recording them gave
// the coordinator (years of schooling over 30; a number found only as
// digits parted by a space, 1 200), so that the reviewer who
// verifies the number sees the same warning beside it; a stored number
// recording would refuse now (a negative count saved before it was
// checked, a value carried over) is said as a warning too. The current
// framework's indicators are read once for all of vs.
func (s *Service) warnStored(ctx context.Context, vs ...*catalog.Value) error {
	if len(vs) == 0 {
		return nil
	}
	_, inds, err := s.cat.CurrentFramework(ctx)
	if err != nil && !catalog.IsNotFound(err) { // no framework: no bounds to check against
		return fmt.Errorf("indicators for value warnings: %w", err)
	}
	byCode := make(map[string]*catalog.Indicator, len(inds))
	for i := range inds {
		byCode[inds[i].Code] = &inds[i]
	}
	for _, v := range vs {
		v.Warnings = append(Unlikely(byCode[v.Indicator], v), spacedWarning(v)...)
	}
	return nil
}

// Unlikely is what recording v's number for ind would refuse or warn of
// (a rate over 100%, 5000 books per resident: plausible), each as a
// warning, so that the reviewer and the report's reader see it beside the
// stored number; none when ind is nil or counts in another unit than v
// was recorded in, whose bounds are for other numbers.
func Unlikely(ind *catalog.Indicator, v *catalog.Value) []catalog.Words {
	if ind == nil || !catalog.SameUnit(ind.Unit, v.Unit) {
		return nil
	}
	warnings, err := plausible(ind, v.Number, v.Written())
	if err != nil {
		warnings = append(warnings, catalog.MessageWords(err))
	}
	return append(warnings, fractionHint(ind, v)...)
}

// fractionHint asks whether a share typed as a fraction (0.568 for an
// indicator in %) meant the percentage (56.8%): a number between 0 and 1
// typed without a percent sign that its passage does not write so. It
// is a hint, not a refusal: a share under 1% exists (0.5% of payroll).
func fractionHint(ind *catalog.Indicator, v *catalog.Value) []catalog.Words {
	if ind == nil || normUnit(ind.Unit) != "%" || v.Number <= 0 || v.Number >= 1 || v.ValueFound || measuresChange(ind) {
		return nil
	}
	if n, err := ParseNumber(v.Given); err != nil || n.Percent {
		return nil
	}
	pct := strconv.FormatFloat(rescale(v.Number, 100, 1), 'f', -1, 64)
	return []catalog.Words{catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
		"指标 %s %s 的单位是 %%，所填数值 %s 小于 1；是否应为 %s%%？请核对", ind.Code, ind.NameWords(), fold(strings.TrimSpace(v.Given)), pct))}
}

// spacedWarning is the warning recording gave of a value found in its
// quote only as digits parted by a space (SpacedNote), said again
// wherever the value is read: none for any other.
func spacedWarning(v *catalog.Value) []catalog.Words {
	if !v.ValueFound {
		return nil
	}
	if sp := SpacedIn(v.Citation.Quote, v); sp != "" {
		return []catalog.Words{SpacedNote(sp)}
	}
	return nil
}
