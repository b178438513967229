package coverage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAllRoundsAtLeastAsCoveredAsEach: 杭州 has evidence for 2.3.1 (a
// linked document) and 2.3.2 (a claim) in 2017; both are carried into 2018
// and not confirmed, so 2018 covers neither. 全部 (round 0) sums every
// round: it covers both as 2017 does, with the carried items beside
// (有证据 · 待确认), not instead (probe s38, finding 6: 2018 covered 2, 2019
// 0, 全部 1).
func TestAllRoundsAtLeastAsCoveredAsEach(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord := hangzhouCoordinator()
	d := e.Upload(hangzhou, "学分银行.txt", "全市建立学分银行制度,发放终身学习卡。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.2", Statement: "全市发放终身学习卡",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "发放终身学习卡"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, testenv.Admin, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	matrix := func(round int) *coverage.Matrix {
		t.Helper()
		m, err := e.Coverage.Matrix(ctx, testenv.Admin, round, hangzhou)
		if err != nil {
			t.Fatalf("matrix of %d: %v", round, err)
		}
		return m
	}
	covered := map[int]int{}
	for _, round := range []int{2017, 2018, 0} {
		covered[round] = matrix(round).Cities[0].Covered
	}
	if covered[2017] < 2 || covered[2018] != 0 {
		t.Fatalf("set-up: 2017 covers %d, 2018 %d; want at least 2 and 0", covered[2017], covered[2018])
	}
	if covered[0] < covered[2017] {
		t.Errorf("全部 covers %d, less than 2017's %d", covered[0], covered[2017])
	}
	all := matrix(0)
	cells := map[string]coverage.Cell{}
	for _, c := range all.Cities[0].Cells {
		cells[c.Code] = c
	}
	_, rows := coverageRowsOf(t, all, false)
	marks := map[string]string{}
	for _, r := range rows[1:] {
		marks[r[0]] = r[3]
	}
	for _, c := range []struct{ code, mark string }{
		{"2.3.1", "有证据 · 待确认"},
		{"2.3.2", "已提交定性描述 · 待确认"},
	} {
		cell := cells[c.code]
		if cell.ToConfirm == 0 || cell.CarriedOnly() || cell.Status() == coverage.StatusToConfirm {
			t.Errorf("全部 %s: to confirm %d, carried only %v, status %s; want the carried items beside 2017's evidence",
				c.code, cell.ToConfirm, cell.CarriedOnly(), cell.Status())
		}
		if !strings.HasPrefix(marks[c.code], c.mark) {
			t.Errorf("全部 %s in the spreadsheet: %q, want %s…", c.code, marks[c.code], c.mark)
		}
	}
}

// TestCarriedOnly: what is carried and not confirmed is a cell's state
// in a round unless a reviewer's verdict outranks it; over all rounds
// only when nothing else gives one.
func TestCarriedOnly(t *testing.T) {
	for _, c := range []struct {
		name string
		cell coverage.Cell
		want bool
	}{
		{"一轮：结转的关联", coverage.Cell{Kind: "qualitative", Documents: 1, ToConfirm: 1}, true},
		{"一轮：结转且已核实", coverage.Cell{Kind: "qualitative", Documents: 1, Verified: 1, ToConfirm: 1}, false},
		{"全部：另一轮有佐证", coverage.Cell{Kind: "qualitative", Documents: 2, ToConfirm: 1, AllRounds: true}, false},
		{"全部：另一轮数字未在引文中找到", coverage.Cell{Kind: "qualitative", Documents: 2, Claims: 2, Backed: 2, ClaimsNotFound: 1, ToConfirm: 1, AllRounds: true}, false},
		{"全部：除结转外什么都没有", coverage.Cell{Kind: "qualitative", ToConfirm: 1, AllRounds: true}, true},
		{"全部：定量指标有佐证缺数值", coverage.Cell{Kind: "quantitative", Documents: 1, ToConfirm: 1, AllRounds: true}, true},
		{"全部：没有结转", coverage.Cell{Kind: "qualitative", Documents: 1, AllRounds: true}, false},
	} {
		if got := c.cell.CarriedOnly(); got != c.want {
			t.Errorf("%s: carried only %v, want %v", c.name, got, c.want)
		}
	}
}
