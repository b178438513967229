package web

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestReviewersGiveVerdictsOnValuesInTheWebUI walks the values review
// page: a reviewer finds the pending value with its source and whether
// the number is in the passage, a verdict that sends it back without a
// reason comes back with what was chosen, a verdict with one is saved and
// moves the value to its tab, and the coordinator who recorded it reads
// the verdict and the reason, with no verdict form of their own.
func TestReviewersGiveVerdictsOnValuesInTheWebUI(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "活动周总结.txt", "2017年全市市民参与学习活动达到1,234.5万人次，认定市民终身学习基地123个。")
	v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "132",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}})
	if err != nil {
		t.Fatal(err)
	}
	li, wang := s.login("li"), s.login("wang")

	_, body := li.get("/review")
	if !strings.Contains(body, `href="/values?round=`) {
		t.Errorf("the claims queue does not lead to the values: %.600s", textOf(body))
	}
	_, body = li.get("/values?round=")
	text := textOf(body)
	for _, want := range []string{"审核定量指标数值", "待审核 1", "2.2.1", "132个", d.Title, "认定市民终身学习基地123个",
		"引文中未找到该数值\uFF0C请核对", `action="/values/` + v.ID + `/review"`} {
		if !strings.Contains(text, want) && !strings.Contains(body, want) {
			t.Errorf("the values page lacks %q: %.1500s", want, text)
		}
	}

	resp, body := li.post("/values/"+v.ID+"/review", url.Values{"verdict": {"contradicted"}, "status": {"pending"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "<span class=\"field-error\">退回数值时请写明理由\uFF0C以便协调员补充或修改</span>") ||
		!strings.Contains(body, `value="contradicted" checked`) {
		t.Errorf("a verdict without its reason: %d, want 400 with the reason asked for and the verdict kept: %.1500s",
			resp.StatusCode, textOf(body))
	}
	resp, body = li.post("/values/"+v.ID+"/review", url.Values{"verdict": {"contradicted"}, "comment": {"原文为123个"},
		"status": {"pending"}, "filters": {"city=330100&round="}})
	if resp.StatusCode != 200 || !strings.Contains(resp.Request.URL.String(), "/values?status=pending&city=330100") ||
		!strings.Contains(body, "审核结论已保存") || !strings.Contains(textOf(body), "与证据矛盾 1") {
		t.Errorf("a verdict with its reason: %d at %s: %.1500s", resp.StatusCode, resp.Request.URL, textOf(body))
	}

	// The same verdict sent again (the back button): refused, and said so.
	resp, body = li.post("/values/"+v.ID+"/review", url.Values{"verdict": {"contradicted"}, "comment": {"原文为123个"}, "status": {"pending"}})
	if resp.StatusCode != 409 || !strings.Contains(textOf(body), "数值已审核") {
		t.Errorf("a verdict on a value already reviewed: %d, want 409 saying so: %.1200s", resp.StatusCode, textOf(body))
	}

	_, body = wang.get("/values?round=")
	text = textOf(body)
	for _, want := range []string{"132个", "与证据矛盾", "li", "原文为123个"} {
		if !strings.Contains(text, want) {
			t.Errorf("the coordinator's values page lacks %q: %.1500s", want, text)
		}
	}
	if strings.Contains(body, "/review\" class=\"stack\"") || strings.Contains(body, `name="verdict"`) {
		t.Errorf("the coordinator is offered a verdict form: %.1500s", text)
	}
	// The rounds compared show the value sent back, not only that there is
	// one: its round's status (before the number) says so.
	_, body = wang.get("/compare?city=330100&rounds=2017")
	text = textOf(body)
	if i := strings.Index(text, "132个"); i < 0 || !strings.Contains(text[max(0, i-40):min(len(text), i+80)], "与证据矛盾") {
		t.Errorf("/compare does not mark the contradicted value: %.2000s", text)
	}
}

// ledgerOf writes rows as a ledger of values (数值台账).
func ledgerOf(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCoordinatorsImportALedgerInTheWebUI: the values page takes a city's
// ledger; one with a bad row comes back naming it, the round as typed and
// nothing stored; a good one stores every value, waiting for review.
func TestCoordinatorsImportALedgerInTheWebUI(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "统计.txt", "2017年全市市民参与学习活动达到1,234.5万人次，认定市民终身学习基地123个。")
	head := []string{"指标编码", "数值", "单位", "文档编号", "页码", "引文"}
	good := [][]string{head,
		{"3.1.3", "1234.5万", "", d.ID, "1", "全市市民参与学习活动达到1,234.5万人次"},
		{"2.2.1", "123", "个", d.ID, "1", "认定市民终身学习基地123个"}}
	bad := append(append([][]string{}, good...), []string{"5.1.1", "85.3", "人次", d.ID, "1", "认定市民终身学习基地123个"})
	wang := s.login("wang")

	_, body := wang.get("/values?round=")
	if !strings.Contains(body, `action="/values/import"`) {
		t.Fatalf("the coordinator's values page has no ledger form: %.800s", textOf(body))
	}
	a := wang.postFilesBody("/values/import", map[string]string{"city": "330100", "round": "2017", "status": "pending"},
		map[string][]byte{"台账.xlsx": ledgerOf(t, bad)})
	text := textOf(a.body)
	if a.resp.StatusCode != 400 || !strings.Contains(text, "第 4 行") || !strings.Contains(text, "人次") ||
		!strings.Contains(a.body, `id="lg-round" name="round" inputmode="numeric" value="2017"`) || strings.Contains(text, "出错了") {
		t.Errorf("a ledger with a bad row: %d, want 400 naming row 4 with the round kept: %.1500s", a.resp.StatusCode, text)
	}
	if list, _ := s.env.Values.List(ctx, testenv.Admin, values.Filter{City: "330100"}); len(list) != 0 {
		t.Errorf("a refused ledger stored %d values", len(list))
	}

	a = wang.postFilesBody("/values/import", map[string]string{"city": "330100", "round": "2017"},
		map[string][]byte{"台账.xlsx": ledgerOf(t, good)})
	text = textOf(a.body)
	if a.resp.StatusCode != 200 || !strings.Contains(text, "已导入 2 个数值") || !strings.Contains(text, "1234.5万人次") ||
		!strings.Contains(text, "123个") || !strings.Contains(text, "待审核 2") {
		t.Errorf("a good ledger: %d at %s: %.1500s", a.resp.StatusCode, a.resp.Request.URL, text)
	}
	if _, body := s.login("li").get("/values?round="); strings.Contains(body, `action="/values/import"`) {
		t.Errorf("a reviewer is offered the ledger form")
	}
}
