package report_test

import (
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// A city's report holds every 定性描述 of the round, past the 500 one read
// of the catalog gives: the rest were left out without a word.
func TestReportHoldsEveryClaim(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市建立学分银行，推进学习成果认证。")
	const n = 503
	for i := range n {
		if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: fmt.Sprintf("第%d条：杭州市建立了学分银行", i+1),
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, a := range r.Areas {
		for _, it := range a.Items {
			got += len(it.Claims)
		}
	}
	if got != n {
		t.Errorf("the report holds %d claims, want all %d", got, n)
	}
}
