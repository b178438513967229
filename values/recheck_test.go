package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRecheckKeepsALegacyNumberFound: a value recorded when any numerals
// were read as a number (100000 against 近十万人, found then) keeps its
// number found when its text is read anew (evidence repair, a re-upload),
// as its card still marks it; one saved with its number not found there
// is not marked found by the older rules.
func TestRecheckKeepsALegacyNumberFound(t *testing.T) {
	e := testenv.New(t)
	const quote = "全年参与社区教育近十万人"
	d := e.Upload(hangzhou, "zongjie.txt", "杭州市二〇一七年终身学习工作总结\n"+quote+"，较上年有所增长。")
	legacy := func(round int, found bool) *catalog.Value {
		t.Helper()
		v := &catalog.Value{City: hangzhou, Round: round, Indicator: "2.3.3", Number: 100000, Given: "100000", Unit: "人",
			Citation:   catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1},
			ValueFound: found}
		if err := e.Catalog.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
		return v
	}
	kept, unfound := legacy(2017, true), legacy(2018, false)
	if n, err := e.Values.RecheckQuotes(ctx, d.SHA256); err != nil || n.Changed != 0 {
		t.Errorf("the text read anew changed %d marks (%v), want none", n.Changed, err)
	}
	for _, want := range []*catalog.Value{kept, unfound} {
		v, err := e.Catalog.Value(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Citation.QuoteFound || v.ValueFound != want.ValueFound || v.PassageUnit != "" {
			t.Errorf("round %d after the text is read anew: quote %+v, number found %v (%q); want its number found %v",
				want.Round, v.Citation, v.ValueFound, v.PassageUnit, want.ValueFound)
		}
	}
}

// TestRecheckValuesByTodaysRules: values saved under older rules keep
// their marks until evidence values recheck: 100000 saved as found
// against 十多万人 (more than 10万 today) and 30% saved as not found
// against 三成 (30% today). The reviewer's card says so meanwhile (Lost:
// 请核对, not found; Gained). RecheckValues for the round records both
// marks as today's rules give them, with a system event each, and
// leaves another round's value as it is; run again, it changes nothing.
func TestRecheckValuesByTodaysRules(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "杭州市二〇一七年终身学习工作总结\n全年存入学分银行的社会培训成果达十多万人。三成社区达到学习型社区创建标准。")
	saved := func(round int, indicator, given string, number float64, unit, quote string, found bool) *catalog.Value {
		t.Helper()
		v := &catalog.Value{City: hangzhou, Round: round, Indicator: indicator, Number: number, Given: given, Unit: unit,
			Citation:   catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1},
			ValueFound: found}
		if err := e.Catalog.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
		return v
	}
	lost := saved(2017, "2.3.3", "100000", 100000, "人", "社会培训成果达十多万人", true)
	gained := saved(2017, "4.1.2", "30%", 30, "%", "三成社区达到学习型社区创建标准", false)
	other := saved(2018, "2.3.3", "100000", 100000, "人", "社会培训成果达十多万人", true)
	list, err := e.Values.List(ctx, coordA, values.Filter{Round: 2017})
	if err != nil {
		t.Fatal(err)
	}
	contexts, err := e.Values.PageContexts(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	if c := contexts[lost.ID]; !c.Lost || c.Gained || c.Rough {
		t.Errorf("card of 100000 saved found against 十多万人: %+v, want Lost (请核对)", c)
	}
	if c := contexts[gained.ID]; c.Lost || !c.Gained {
		t.Errorf("card of 30%% saved not found against 三成: %+v, want Gained", c)
	}
	checked, changed, skipped, err := e.Values.RecheckValues(ctx, hangzhou, 2017)
	if err != nil || checked != 2 || changed != 2 || skipped != 0 {
		t.Fatalf("RecheckValues(2017) = %d checked, %d changed, %d skipped, %v; want 2, 2, 0", checked, changed, skipped, err)
	}
	for id, want := range map[string]bool{lost.ID: false, gained.ID: true, other.ID: true} {
		v, err := e.Catalog.Value(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if v.ValueFound != want {
			t.Errorf("value %s %s (round %d) after the recheck: found %v, want %v", v.Indicator, v.Given, v.Round, v.ValueFound, want)
		}
		events, err := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: "value:" + id, Action: "value.quote"})
		if err != nil {
			t.Fatal(err)
		}
		if id != other.ID && (len(events) != 1 || events[0].User != "system") {
			t.Errorf("events of value %s: %+v, want one value.quote by system", v.Given, events)
		}
	}
	if _, changed, _, err := e.Values.RecheckValues(ctx, "", 2017); err != nil || changed != 0 {
		t.Errorf("a second recheck changed %d marks (%v), want none", changed, err)
	}
}

// TestRecheckValuesKeepsAnotherRoundsQuoteToRecheck: both rounds' values
// citing a text marked 引文待重新核对 (its text could not be read again);
// RecheckValues for 2019 clears the 2019 value's mark and leaves the 2018
// value's, whose number mark is still the old text's.
func TestRecheckValuesKeepsAnotherRoundsQuoteToRecheck(t *testing.T) {
	e := testenv.New(t)
	const quote = "全市建成社区学习点1200个"
	d := e.Upload(hangzhou, "zongjie.txt", "杭州市终身学习工作总结\n"+quote+"，覆盖全部街道。")
	if err := e.Catalog.AddRound(ctx, catalog.Round{Year: 2019}, "admin"); err != nil {
		t.Fatal(err)
	}
	saved := func(round int) *catalog.Value {
		t.Helper()
		v := &catalog.Value{City: hangzhou, Round: round, Indicator: "2.3.3", Number: 1200, Given: "1200", Unit: "个",
			Citation:   catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1},
			ValueFound: true}
		if err := e.Catalog.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
		return v
	}
	old, now := saved(2018), saved(2019)
	if _, err := e.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取", "The text store could not be read"); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := e.Values.RecheckValues(ctx, hangzhou, 2019); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{old.ID: true, now.ID: false} {
		v, err := e.Catalog.Value(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Citation.RecheckError != ""; got != want {
			t.Errorf("round %d value after RecheckValues(2019): 引文待重新核对 %v (%q), want %v", v.Round, got, v.Citation.RecheckError, want)
		}
	}
}
