package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestVerdictOfTheRoundOutranksACarriedLink: 杭州's 2018 claim of 2.3.1
// is judged 证据不足 and then a 2017 link to 2.3.1 is carried into 2018
// (待确认). The reviewer's verdict stays the state on /compare and in the
// spreadsheet, as coverage counts it, with the carried link still counted
// to confirm (the probe saw 待确认 with insufficient:1); a verified claim
// of 2.3.2 beside a carried link likewise stays 已核实.
func TestVerdictOfTheRoundOutranksACarriedLink(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord, rev := hangzhouCoordinator(), hangzhouReviewer()
	old := e.Upload(hangzhou, "学分银行方案.txt", "杭州市建立学分银行，开展学习成果认证。")
	for _, code := range []string{"2.3.1", "2.3.2"} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: old.ID, IndicatorCode: code}); err != nil {
			t.Fatal(err)
		}
	}
	verdicts := map[string]string{"2.3.1": "insufficient", "2.3.2": "verified"}
	for code, verdict := range verdicts {
		c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: code, Statement: "杭州市建立学分银行",
			Citations: []claims.CitationInput{{DocumentID: old.ID, Page: 1, Quote: "杭州市建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Claims.Review(ctx, rev, c.ID, verdict, "需要学分银行管理办法原件"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Values.CarryOver(ctx, testenv.Admin, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	v := roundView(t, e, testenv.Admin, 2018)
	marks := map[string]string{}
	_, rows := coverageRowsOf(t, v.matrix, false)
	for _, r := range rows[1:] {
		marks[r[0]] = r[3]
	}
	want := map[string][2]string{"2.3.1": {coverage.StatusInsufficient, "证据不足"}, "2.3.2": {coverage.StatusVerified, "已核实"}}
	for code, w := range want {
		cell, cmp := v.cells[code], v.compared[code]
		if cell.ToConfirm != 1 || cmp.ToConfirm != 1 {
			t.Fatalf("%s: to confirm %d on the heat map, %d on /compare; want the carried link counted, 1", code, cell.ToConfirm, cmp.ToConfirm)
		}
		if cmp.Status != w[0] || marks[code] != w[1]+"\uFF081 份\uFF09" {
			t.Errorf("%s judged %s with a carried link: /compare %s, spreadsheet %q; want %s, %s（1 份）", code, verdicts[code], cmp.Status, marks[code], w[0], w[1])
		}
	}
}
