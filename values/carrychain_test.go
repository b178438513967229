package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestConfirmAsksForCheckedAfterTwoCarryOvers: 杭州's 2017 claim, found
// 与证据矛盾, carried into 2018 and confirmed there with the box ticked but
// never reviewed, then carried into 2019: confirming the 2019 copy still
// asks for the box (field checked), for its verdict is 2017's; Decide,
// with no box, is refused, DecideChecked with it goes through.
func TestConfirmAsksForCheckedAfterTwoCarryOvers(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市学分银行累计开户学习者12000人。")
	c, err := e.Claims.Create(ctx, coordA, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "学分银行开户学习者达到2万人",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者12000人"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Review(ctx, testenv.Admin, c.ID, "contradicted", "原文为12000人"); err != nil {
		t.Fatal(err)
	}
	carried := func(to int) string {
		t.Helper()
		if _, err := e.Values.CarryOver(ctx, coordA, hangzhou, to); err != nil {
			t.Fatal(err)
		}
		items, _, err := e.Values.CarriedItems(ctx, coordA, hangzhou, to)
		if err != nil || len(items) != 1 {
			t.Fatalf("carried into %d: %+v, %v; want the claim", to, items, err)
		}
		if items[0].Verdict != catalog.ClaimContradicted {
			t.Errorf("the item carried into %d: verdict %q, want contradicted (2017's)", to, items[0].Verdict)
		}
		return items[0].ID
	}
	if _, err := e.Values.DecideChecked(ctx, coordA, carried(2018), "confirm", true); err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.AddRound(ctx, catalog.Round{Year: 2019}, "admin"); err != nil {
		t.Fatal(err)
	}
	id := carried(2019)
	if _, err := e.Values.Decide(ctx, coordA, id, "confirm"); catalog.ErrorField(err) != "checked" {
		t.Errorf("confirming the 2019 copy without the box: %v, want EINVALID about checked", err)
	}
	if _, err := e.Values.DecideChecked(ctx, coordA, id, "confirm", true); err != nil {
		t.Errorf("confirming the 2019 copy with the box: %v", err)
	}
}
