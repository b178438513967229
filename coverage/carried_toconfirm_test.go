package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCarriedItemsAreToConfirmOnTheHeatMap: a claim of 2.3.2 judged 证据不足
// in 2017 and a link to 2.3.1 are carried into 2018 and not confirmed. The
// 2018 matrix counts them to confirm, and its spreadsheet says 待确认, as
// /compare does (the probe saw ◆ 已提交定性描述 and ●1 on the heat map,
// 待确认 on /compare). Once the city confirms them, they count as usual.
func TestCarriedItemsAreToConfirmOnTheHeatMap(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord, rev := hangzhouCoordinator(), hangzhouReviewer()
	d := e.Upload(hangzhou, "学习卡.txt", "全市发放终身学习卡,建立学分银行制度。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.2", Statement: "全市发放终身学习卡",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全市发放终身学习卡"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Review(ctx, rev, c.ID, "insufficient", "需要发卡文件"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, testenv.Admin, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	look := func() (map[string]coverage.Cell, map[string]string, map[string]string) {
		t.Helper()
		v := roundView(t, e, testenv.Admin, 2018)
		status := map[string]string{}
		for code, r := range v.compared {
			status[code] = r.Status
		}
		marks := map[string]string{}
		_, rows := coverageRowsOf(t, v.matrix, false)
		for _, r := range rows[1:] {
			marks[r[0]] = r[3]
		}
		return v.cells, status, marks
	}
	cells, status, marks := look()
	for _, code := range []string{"2.3.1", "2.3.2"} {
		if cells[code].ToConfirm != 1 || status[code] != coverage.StatusToConfirm || marks[code] != "待确认\uFF081 份\uFF09" {
			t.Errorf("2018 %s carried: matrix to confirm %d, comparison %s, spreadsheet %q; want 1, %s, 待确认（1 份）",
				code, cells[code].ToConfirm, status[code], marks[code], coverage.StatusToConfirm)
		}
	}
	carried, err := e.Values.Carryovers(ctx, testenv.Admin, hangzhou, 2018, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range carried {
		if _, err := e.Values.Decide(ctx, testenv.Admin, c.ID, "confirm"); err != nil {
			t.Fatal(err)
		}
	}
	cells, status, _ = look()
	for _, code := range []string{"2.3.1", "2.3.2"} {
		if cells[code].ToConfirm != 0 || status[code] == coverage.StatusToConfirm {
			t.Errorf("2018 %s confirmed: matrix to confirm %d, comparison %s; want 0, not to confirm", code, cells[code].ToConfirm, status[code])
		}
	}
}

// TestCarriedItemsGoneAreNotToConfirm: a claim of 2.3.2 and a link to
// 2.3.1 carried into 2018, then the carried claim withdrawn and the
// linked document deleted. Nothing is left to confirm: the heat map and
// /compare show the gap (as the report says 缺), not ↻ 待确认 over it.
func TestCarriedItemsGoneAreNotToConfirm(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord := hangzhouCoordinator()
	linked := e.Upload(hangzhou, "学习卡.txt", "全市发放终身学习卡。")
	cited := e.Upload(hangzhou, "学分银行.txt", "建立学分银行制度。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: linked.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.2", Statement: "建立学分银行制度",
		Citations: []claims.CitationInput{{DocumentID: cited.ID, Page: 1, Quote: "建立学分银行制度"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, testenv.Admin, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	carried, err := e.Values.Carryovers(ctx, testenv.Admin, hangzhou, 2018, catalog.CarryToConfirm)
	if err != nil || len(carried) != 2 {
		t.Fatalf("carried %+v, %v; want a link and a claim", carried, err)
	}
	for _, c := range carried {
		if c.Kind == catalog.CarryClaim {
			if _, err := e.Claims.Withdraw(ctx, coord, c.ObjectID, "材料有误"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, linked.ID); err != nil {
		t.Fatal(err)
	}
	v := roundView(t, e, testenv.Admin, 2018)
	for _, code := range []string{"2.3.1", "2.3.2"} {
		if c := v.cells[code]; c.ToConfirm != 0 || c.Documents != 0 {
			t.Errorf("heat map 2018 %s: to confirm %d, documents %d; want 0, 0", code, c.ToConfirm, c.Documents)
		}
		if r := v.compared[code]; r.ToConfirm != 0 || r.Status == coverage.StatusToConfirm {
			t.Errorf("/compare 2018 %s: to confirm %d, status %s; want 0, not to confirm", code, r.ToConfirm, r.Status)
		}
	}
}
