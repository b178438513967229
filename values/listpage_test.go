package values_test

import (
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestListPageReadsOnlyItsPage: a page of 50 values out of thousands is
// read from the catalog alone (with its counts and its values' previous
// rounds), not the filter's every value sorted in memory: it allocates
// about what a page of 50 out of 50 does, and the page, counts and
// previous values are those of the whole listing.
func TestListPageReadsOnlyItsPage(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "统计公报.txt", "2017年认定市民终身学习基地123个。")
	// A value is saved only in a round that exists; a hundred rounds
	// (2000–2099, as many as AddRound takes) of twenty indicators make the
	// thousands.
	for y := 2000; y < 2100; y++ {
		if err := e.Catalog.AddRound(ctx, catalog.Round{Year: y}, "admin"); err != nil && catalog.ErrorCode(err) != catalog.ECONFLICT {
			t.Fatal(err)
		}
	}
	save := func(rounds int, codes ...string) {
		var vs []*catalog.Value
		for _, code := range codes {
			for r := range rounds {
				vs = append(vs, &catalog.Value{City: hangzhou, Round: 2000 + r, Indicator: code, Number: 123, Given: "123", Unit: "个",
					Citation: catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "认定市民终身学习基地123个"}})
			}
		}
		if err := e.Catalog.SaveValues(ctx, vs, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	page := func(f values.Filter) *values.Page {
		p, err := e.Values.ListPage(ctx, testenv.Admin, f, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	save(50, "9.1.1")
	small := testing.AllocsPerRun(3, func() { page(values.Filter{City: hangzhou}) })
	codes := []string{"9.1.2", "9.1.10"}
	for i := 1; i <= 18; i++ {
		codes = append(codes, fmt.Sprintf("9.2.%d", i))
	}
	save(100, codes...)
	p := page(values.Filter{City: hangzhou, Indicator: "9.1.10"})
	if p.Total != 100 || p.Counts[catalog.ClaimPending] != 100 || len(p.Values) != 50 || p.Next == "" {
		t.Fatalf("9.1.10: total %d, counts %v, %d values, next %q; want 100, 50 and a next", p.Total, p.Counts, len(p.Values), p.Next)
	}
	if v := p.Values[1]; v.Round != 2001 || v.Previous == nil || v.Previous.Round != 2000 || v.Previous.Indicator != "9.1.10" {
		t.Errorf("the second value: round %d, previous %+v; want 2001 after 2000's of 9.1.10", v.Round, v.Previous)
	}
	next, err := e.Values.ListPage(ctx, testenv.Admin, values.Filter{City: hangzhou, Indicator: "9.1.10", After: p.Next}, 0, 50)
	if err != nil || len(next.Values) != 50 || next.Values[0].Round != 2050 {
		t.Errorf("after the first page: %v, want rounds from 2050", err)
	}
	all := page(values.Filter{City: hangzhou})
	if all.Total != 2050 || all.Values[0].Indicator != "9.1.1" || all.Values[len(all.Values)-1].Indicator != "9.1.1" {
		t.Errorf("all of 330100: total %d, first %s; want 2050, 9.1.1's first", all.Total, all.Values[0].Indicator)
	}
	big := testing.AllocsPerRun(3, func() { page(values.Filter{City: hangzhou}) })
	if big > 2*small {
		t.Errorf("a page of 50 out of 2050 values took %.0f allocations, out of 50 %.0f: the page reads more than itself", big, small)
	}
	t.Log(fmt.Sprintf("allocations: %.0f of 50, %.0f of 2050", small, big))
}
