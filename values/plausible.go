package values

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// maxSchoolingYears is the most years of schooling a population's mean
// can plausibly reach; more is most likely a year (2018) or a count typed
// in the wrong box.
const maxSchoolingYears = 30

// maxPeople is China's population, more than any city counts of people
// or visits in a year; more is most likely 万 written twice (1256000 typed
// for an indicator in 万人次, meaning 人次).
const maxPeople = 1.4e9

// changeWords in an indicator's name say it measures a change, which may
// fall below zero or pass 100%: 增长率, 增幅.
var changeWords = []string{"增长", "增幅", "增速", "变化", "变动", "提高", "下降"}

// plausible checks a value's number, in the indicator's unit, against
// what the indicator can hold. It refuses (EINVALID about the field
// value) a negative count, rate, amount or number of years, and a rate
// over 100%, unless the indicator's name says it measures a change; it
// warns of a magnitude that is possible but unlikely (years of schooling
// over 30, more people or visits than China has people), which is saved
// all the same.
func plausible(ind *catalog.Indicator, number float64, typed string) (warnings []catalog.Words, err error) {
	if ind == nil {
		return nil, nil
	}
	fam, scale := unitFamily(ind.Unit)
	if fam == "" || measuresChange(ind) {
		return nil, nil
	}
	name := ind.NameWords()
	switch {
	case number < 0:
		return nil, catalog.FieldErrorf("value", catalog.EINVALID, "指标 %s %s 的数值不能为负数（填写的是 %s）；请核对", ind.Code, name, typed)
	case fam == famPercent && number > 100:
		return nil, catalog.FieldErrorf("value", catalog.EINVALID, "指标 %s %s 是比例，不能超过 100%%（填写的是 %s）；请核对是否误填了年份或人数", ind.Code, name, typed)
	case fam == famYears && number > maxSchoolingYears:
		w := catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 年超过 %d 年，很少见；请核对是否误填了年份或人数", ind.Code, name,
			strconv.FormatFloat(number, 'f', -1, 64), maxSchoolingYears)
		return []catalog.Words{catalog.MessageWords(w)}, nil
	case (fam == famPeople || fam == famVisits) && number*scale > maxPeople && scale != 1:
		// Most likely a count typed out in full for a unit in 万
		// (1256000 for 万人次, meaning 人次).
		_, base := splitScale(normUnit(ind.Unit))
		w := catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 超过 14 亿，很少见；请核对数值是否按指标单位“%s”填写，或在单位栏填写数值所用的单位（如“%s”）", ind.Code, name,
			inUnit(number, ind.Unit), unitWords(ind.Unit), unitWords(base))
		return []catalog.Words{catalog.MessageWords(w)}, nil
	case fam == famPeople && number*scale > maxPeople:
		// People past China's population; visits counted in 人次 (an
		// online platform's) may pass it.
		w := catalog.Errorf(catalog.EINVALID, "指标 %s %s 的数值 %s 超过 14 亿，很少见；请核对数值的位数和单位", ind.Code, name,
			inUnit(number, ind.Unit))
		return []catalog.Words{catalog.MessageWords(w)}, nil
	}
	return nil, nil
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
		v.Warnings = nil
		ind := byCode[v.Indicator]
		// Recorded in another unit than the indicator's today, the
		// number is not in the unit the bounds are for.
		if ind != nil && catalog.SameUnit(ind.Unit, v.Unit) {
			warnings, err := plausible(ind, v.Number, v.Written())
			if err != nil {
				warnings = append(warnings, catalog.MessageWords(err))
			}
			v.Warnings = warnings
		}
		v.Warnings = append(v.Warnings, spacedWarning(v)...)
	}
	return nil
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
