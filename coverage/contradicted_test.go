package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

const hangzhou = "330100"

// contradictedCity records for Hangzhou in 2017: a value for 4.1.2 a
// reviewer found contradicted (the source says 88.1%), a verified value
// for 3.1.3, two claims on 1.1.2 (one verified, one contradicted) and an
// insufficient claim on 1.1.1.
func contradictedCity(t *testing.T) *testenv.Env {
	ctx := context.Background()
	e := testenv.New(t)
	coord, rev := hangzhouCoordinator(), hangzhouReviewer()
	d := e.Upload(hangzhou, "zongjie.txt", "全年市民参与学习活动123.4万人次，学习型社区创建达标比例为88.1%。出台终身学习促进条例。建立学分银行。")
	value := func(code, written, quote, verdict string) {
		v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(written),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s %s: %v", code, written, err)
		}
		if _, err := e.Values.Review(ctx, rev, v.ID, verdict, "核对原文"); err != nil {
			t.Fatalf("review value %s: %v", code, err)
		}
	}
	claim := func(code, statement, quote, verdict string) {
		c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: code, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}})
		if err != nil {
			t.Fatalf("claim %s: %v", code, err)
		}
		if _, err := e.Claims.Review(ctx, rev, c.ID, verdict, "核对原文"); err != nil {
			t.Fatalf("review claim %s: %v", code, err)
		}
	}
	value("4.1.2", "90%", "学习型社区创建达标比例为88.1%", "contradicted")
	value("3.1.3", "123.4万", "全年市民参与学习活动123.4万人次", "verified")
	claim("1.1.2", "出台了终身学习促进条例", "出台终身学习促进条例", "verified")
	claim("1.1.2", "条例于2015年颁布", "出台终身学习促进条例", "contradicted")
	claim("1.1.1", "建立了学分银行", "建立学分银行", "insufficient")
	return e
}

// TestContradictedIsNotShownAsEvidence: an indicator whose value or any
// claim a reviewer found contradicted by its evidence is "contradicted"
// (与证据矛盾) in the comparison across rounds, and counted so in the
// coverage matrix, not "evidence" or "verified" as if all were well; one
// whose claim a reviewer found 证据不足 is "insufficient", counted so in
// the matrix.
func TestContradictedIsNotShownAsEvidence(t *testing.T) {
	e := contradictedCity(t)
	v := roundView(t, e, testenv.Admin, 2017)
	want := map[string]string{"4.1.2": coverage.StatusContradicted, "1.1.2": coverage.StatusContradicted,
		"3.1.3": coverage.StatusVerified, "1.1.1": coverage.StatusInsufficient}
	for code, w := range want {
		if got := v.compared[code].Status; got != w {
			t.Errorf("compare %s: status %q, want %q", code, got, w)
		}
	}
	wantN := map[string]int{"4.1.2": 1, "1.1.2": 1, "3.1.3": 0, "1.1.1": 0}
	for code, n := range wantN {
		if got := v.cells[code].Contradicted; got != n {
			t.Errorf("matrix %s: %d contradicted, want %d", code, got, n)
		}
	}
	if got := v.cells["1.1.1"].Insufficient; got != 1 {
		t.Errorf("matrix 1.1.1: %d insufficient, want 1", got)
	}
}

// TestSpreadsheetMarksInTheHeatMapsOrder: the coverage spreadsheet marks a
// cell as the heat map does: 与证据矛盾 before 证据不足, 证据不足 (a
// reviewer's verdict in the round) before 待确认, and 证据不足 before 已核实,
// in Chinese and English.
func TestSpreadsheetMarksInTheHeatMapsOrder(t *testing.T) {
	m := &coverage.Matrix{
		Indicators: []coverage.Column{
			{IndicatorName: coverage.IndicatorName{Code: "2.3.1", Name: "学分银行"}, Kind: "qualitative"},
			{IndicatorName: coverage.IndicatorName{Code: "2.3.2", Name: "社区学校"}, Kind: "qualitative"},
			{IndicatorName: coverage.IndicatorName{Code: "2.3.3", Name: "老年大学"}, Kind: "qualitative"},
		},
		Cities: []coverage.CityCoverage{{Code: hangzhou, Name: "杭州", Total: 3, Cells: []coverage.Cell{
			{Code: "2.3.1", Kind: "qualitative", Documents: 1, Claims: 2, Backed: 2, Contradicted: 1, Insufficient: 1},
			{Code: "2.3.2", Kind: "qualitative", Documents: 1, Claims: 2, Backed: 2, ToConfirm: 1, Insufficient: 1},
			{Code: "2.3.3", Kind: "qualitative", Documents: 1, Claims: 2, Backed: 2, Insufficient: 1, Verified: 1},
		}}},
	}
	for _, c := range []struct {
		english bool
		want    map[string]string
	}{
		{false, map[string]string{"2.3.1": "与证据矛盾\uFF081 份\uFF09", "2.3.2": "证据不足\uFF081 份\uFF09", "2.3.3": "证据不足\uFF081 份\uFF09"}},
		{true, map[string]string{"2.3.1": "Contradicted by evidence (1 document)", "2.3.2": "Insufficient evidence (1 document)", "2.3.3": "Insufficient evidence (1 document)"}},
	} {
		_, rows := coverageRowsOf(t, m, c.english)
		for _, r := range rows[1:] {
			if want := c.want[r[0]]; r[3] != want {
				t.Errorf("english %v, %s: %q, want %q", c.english, r[0], r[3], want)
			}
		}
	}
}
