package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCarriedLinkCountsOnTheHeatMap: a 2017 document whose link to 2.3.1
// was carried into 2018 is evidence of 2018 on the coverage heat map as it
// is on the comparison and in the report; once the coordinator drops it
// from 2018 it counts there no more, and 2017 keeps it throughout.
func TestCarriedLinkCountsOnTheHeatMap(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行实施意见.txt", "全市建立学分银行制度。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, testenv.Admin, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	documents := func(round int) (heat, compared int) {
		t.Helper()
		m, err := e.Coverage.Matrix(ctx, testenv.Admin, round, hangzhou)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range m.Cities[0].Cells {
			if c.Code == "2.3.1" {
				heat = c.Documents
			}
		}
		cmp, err := e.Coverage.Compare(ctx, testenv.Admin, hangzhou, []int{round})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range cmp.Indicators {
			if row.Code == "2.3.1" {
				compared = row.Rounds[0].Documents
			}
		}
		return heat, compared
	}
	for _, round := range []int{2017, 2018} {
		if heat, compared := documents(round); heat != 1 || compared != 1 {
			t.Errorf("%d年度 2.3.1 carried: heat map %d documents, comparison %d, want 1 and 1", round, heat, compared)
		}
	}
	carried, err := e.Values.Carryovers(ctx, testenv.Admin, hangzhou, 2018, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range carried {
		if c.Kind == catalog.CarryLink {
			if _, err := e.Values.Decide(ctx, testenv.Admin, c.ID, "drop"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if heat, compared := documents(2018); heat != 0 || compared != 0 {
		t.Errorf("2018年度 2.3.1 dropped: heat map %d documents, comparison %d, want 0 and 0", heat, compared)
	}
	if heat, compared := documents(2017); heat != 1 || compared != 1 {
		t.Errorf("2017年度 2.3.1 after the drop in 2018: heat map %d documents, comparison %d, want 1 and 1", heat, compared)
	}
}
