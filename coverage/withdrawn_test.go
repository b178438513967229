package coverage_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestWithdrawnDocumentIsNoEvidence: a value (3.1.3) and a claim (1.1.1)
// whose only cited document was deleted (撤回) since leave their
// indicators a gap in the comparison, as the report has them, and the
// claim is not counted as backed in the coverage matrix; a claim citing a
// live document (1.1.2) still counts.
func TestWithdrawnDocumentIsNoEvidence(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord := hangzhouCoordinator()
	gone := e.Upload(hangzhou, "zongjie.txt", "全年市民参与学习活动123.4万人次。建立学分银行。")
	live := e.Upload(hangzhou, "tiaoli.txt", "出台终身学习促进条例。")
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written("123.4万"),
		Citation: claims.CitationInput{DocumentID: gone.ID, Page: 1, Quote: "全年市民参与学习活动123.4万人次"}}); err != nil {
		t.Fatal(err)
	}
	claim := func(code, statement string, d *catalog.Document, quote string) {
		if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: code, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}}); err != nil {
			t.Fatalf("claim %s: %v", code, err)
		}
	}
	claim("1.1.1", "建立了学分银行", gone, "建立学分银行")
	claim("1.1.2", "出台了终身学习促进条例", live, "出台终身学习促进条例")
	if _, err := e.Documents.Delete(ctx, testenv.Admin, gone.ID); err != nil {
		t.Fatalf("withdraw: %v", err)
	}

	rep, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	inReport := map[string]string{}
	for _, a := range rep.Areas {
		for _, it := range a.Items {
			inReport[it.Indicator.Code] = it.Status
		}
	}
	v := roundView(t, e, testenv.Admin, 2017)
	want := map[string]string{"3.1.3": coverage.StatusGap, "1.1.1": coverage.StatusGap, "1.1.2": coverage.StatusEvidence}
	words := map[string]string{coverage.StatusGap: report.Gap, coverage.StatusEvidence: report.Present}
	for code, w := range want {
		cell := v.compared[code]
		if cell.Status != w {
			t.Errorf("compare %s: status %q, want %q (its cited document was withdrawn: %v)", code, cell.Status, w, w == coverage.StatusGap)
		}
		if inReport[code] != words[w] {
			t.Errorf("report %s: status %q, want %q like the comparison", code, inReport[code], words[w])
		}
		if w == coverage.StatusGap && cell.Documents != 0 {
			t.Errorf("compare %s: %d documents, want 0 (only a withdrawn one)", code, cell.Documents)
		}
	}
	wantBacked := map[string]int{"1.1.1": 0, "1.1.2": 1}
	for code, n := range wantBacked {
		if c := v.cells[code]; c.Backed != n || c.Claims != 1 {
			t.Errorf("matrix %s: %d claims, %d backed by a live document, want 1 and %d", code, c.Claims, c.Backed, n)
		}
	}
}

// han finds Chinese characters.
var han = regexp.MustCompile(`\p{Han}`)

// TestCoverageXLSXInEnglish: the coverage spreadsheet in English has
// English headings, types and marks; counts stay numbers; cities and
// indicators are named in English.
func TestCoverageXLSXInEnglish(t *testing.T) {
	e := contradictedCity(t)
	sheet, rows := coverageRows(t, e, true)
	if sheet != "Coverage" {
		t.Errorf("sheet %q, want Coverage", sheet)
	}
	if got := strings.Join(rows[0], "|"); got != "Code|Key indicator|Type|Hangzhou (330100)" {
		t.Errorf("headings %q", got)
	}
	marks := map[string]string{}
	for _, r := range rows[1:] {
		if r[2] != "Qualitative" && r[2] != "Quantitative" {
			t.Errorf("%s: type %q", r[0], r[2])
		}
		marks[r[0]] = r[3]
		if han.MatchString(r[1]) {
			t.Errorf("%s named %q in an English spreadsheet", r[0], r[1])
		}
	}
	if marks["1.2.1"] != "Gap" {
		t.Errorf("1.2.1 without evidence: %q, want Gap", marks["1.2.1"])
	}
	if !strings.HasPrefix(marks["4.1.2"], "Contradicted by evidence") {
		t.Errorf("4.1.2 with a contradicted value: %q", marks["4.1.2"])
	}
}

// TestQuantitativeWithoutValueIsGap: a quantitative indicator with a
// linked document but no value is 缺 on /compare, as in the report: what it
// lacks is its number.
func TestQuantitativeWithoutValueIsGap(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload(hangzhou, "jidi.txt", "杭州市认定市民终身学习基地123个。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.2.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	rep, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range rep.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code == "2.2.1" && it.Status != report.Gap {
				t.Fatalf("report 2.2.1: %q, want 缺", it.Status)
			}
		}
	}
	if r := roundView(t, e, testenv.Admin, 2017).compared["2.2.1"]; r.Status != coverage.StatusGap || r.Documents != 1 {
		t.Errorf("compare 2.2.1 with a linked document and no value: %+v, want gap with 1 document", r)
	}
}

// TestValueWithoutLinkIsNoGapInTheMatrix: a quantitative indicator whose
// value is recorded, citing a document not linked to it, is no gap in the
// coverage matrix, its spreadsheet or on the heat map (已填报数值, 已核实
// once verified, with the cited document counted), as on /compare; once the cited document is withdrawn it
// is 缺 again.
func TestValueWithoutLinkIsNoGapInTheMatrix(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord, rev := hangzhouCoordinator(), hangzhouReviewer()
	d := e.Upload(hangzhou, "zongjie.txt", "全年市民参与学习活动123.4万人次，学习型社区创建达标比例为88.1%。")
	record := func(code, written, quote string) *catalog.Value {
		v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(written),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s: %v", code, err)
		}
		return v
	}
	record("3.1.3", "123.4万", "全年市民参与学习活动123.4万人次")
	v := record("4.1.2", "88.1%", "学习型社区创建达标比例为88.1%")
	if _, err := e.Values.Review(ctx, rev, v.ID, "verified", "核对原文"); err != nil {
		t.Fatal(err)
	}
	marks := func() map[string]string {
		t.Helper()
		out := map[string]string{}
		_, rows := coverageRows(t, e, false)
		for _, r := range rows[1:] {
			out[r[0]] = r[3]
		}
		return out
	}
	// The cited source is the indicator's evidence document, linked or not,
	// as on the indicator page and in the report.
	got := marks()
	if got["3.1.3"] != "已填报数值\uFF081 份\uFF09" || got["4.1.2"] != "已核实\uFF081 份\uFF09" {
		t.Errorf("values without links: 3.1.3 %q, 4.1.2 %q; want 已填报数值（1 份） and 已核实（1 份）", got["3.1.3"], got["4.1.2"])
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	got = marks()
	if got["3.1.3"] != "缺" || got["4.1.2"] != "缺" {
		t.Errorf("values whose source was withdrawn: 3.1.3 %q, 4.1.2 %q; want 缺", got["3.1.3"], got["4.1.2"])
	}
}

// coverageRows are the sheet's name and rows of 杭州's coverage
// spreadsheet of 2017, in English or Chinese, its headings first.
func coverageRows(t *testing.T, e *testenv.Env, english bool) (string, [][]string) {
	t.Helper()
	m, err := e.Coverage.Matrix(context.Background(), testenv.Admin, 2017, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	return coverageRowsOf(t, m, english)
}

// coverageRowsOf are the sheet's name and rows of m's spreadsheet.
func coverageRowsOf(t *testing.T, m *coverage.Matrix, english bool) (string, [][]string) {
	t.Helper()
	data, err := m.XLSX(english)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) < 2 {
		t.Fatalf("sheet %s: %d rows, %v", sheet, len(rows), err)
	}
	return sheet, rows
}
