package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
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
