package coverage_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
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
// whose only cited document was deleted since leave their indicators
// alike 出处已删除 (source_deleted) in the comparison, the heat map's cell
// and the report, with no evidence document counted, and the claim is
// not counted as backed in the coverage matrix; a claim citing a live
// document (1.1.2) still counts.
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
	want := map[string]string{"3.1.3": coverage.StatusSourceDeleted, "1.1.1": coverage.StatusSourceDeleted, "1.1.2": coverage.StatusEvidence}
	words := map[string]string{coverage.StatusSourceDeleted: report.SourceDeleted, coverage.StatusEvidence: report.Present}
	for code, w := range want {
		cell := v.compared[code]
		if cell.Status != w {
			t.Errorf("compare %s: status %q, want %q (its cited document was deleted: %v)", code, cell.Status, w, w == coverage.StatusSourceDeleted)
		}
		if got := v.cells[code].Status(); got != w {
			t.Errorf("heat map %s: status %q, want %q like the comparison", code, got, w)
		}
		if inReport[code] != words[w] {
			t.Errorf("report %s: status %q, want %q like the comparison", code, inReport[code], words[w])
		}
		if w == coverage.StatusSourceDeleted && cell.Documents != 0 {
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

// TestReportHeatMapAndCompareAgree: on the same data the report, the heat
// map's cell (the matrix, which `evidence coverage` prints) and /compare
// give each indicator one status and one count of evidence documents. A
// quantitative indicator with a linked document and no value is 有佐证，
// 缺数值 on all three (the report said 缺少佐证 while listing the
// document), and is not covered; a linked file that could not be read is
// no evidence anywhere: the report lists it apart (未能读取的材料), not
// in its evidence (it listed six documents where the heat map counted
// four).
func TestReportHeatMapAndCompareAgree(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	jidi := e.Upload(hangzhou, "jidi.txt", "杭州市认定市民终身学习基地123个。")
	juece := e.Upload(hangzhou, "juece.txt", "中共杭州市委关于推进学习型城市建设的决定。")
	jiami := e.Upload(hangzhou, "jiami.txt", "加密台账，无法读取。")
	for _, l := range []catalog.Link{
		{DocumentID: jidi.ID, IndicatorCode: "2.2.1", Page: 1},
		{DocumentID: juece.ID, IndicatorCode: "1.1.1", Page: 1},
		{DocumentID: jiami.ID, IndicatorCode: "1.1.1", Page: 1},
	} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &l); err != nil {
			t.Fatalf("link %s to %s: %v", l.DocumentID, l.IndicatorCode, err)
		}
	}
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: jiami.ID, Status: catalog.StatusFailed, Error: "文件已加密，无法读取"}); err != nil {
		t.Fatalf("fail the encrypted ledger: %v", err)
	}
	rep, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]report.Item{}
	for _, a := range rep.Areas {
		for _, it := range a.Items {
			items[it.Indicator.Code] = it
		}
	}
	v := roundView(t, e, testenv.Admin, 2017)
	for _, tt := range []struct {
		code, status, words string
		documents           int
		unreadable          int
	}{
		{"2.2.1", coverage.StatusNoValue, report.NoValue, 1, 0},
		{"1.1.1", coverage.StatusEvidence, report.Present, 1, 1},
		{"1.1.2", coverage.StatusGap, report.Gap, 0, 0},
	} {
		it, cell, compared := items[tt.code], v.cells[tt.code], v.compared[tt.code]
		if it.Status != tt.words || len(it.Evidence) != tt.documents || len(it.Unreadable) != tt.unreadable {
			t.Errorf("report %s: %q with %d documents and %d unreadable, want %q, %d and %d",
				tt.code, it.Status, len(it.Evidence), len(it.Unreadable), tt.words, tt.documents, tt.unreadable)
		}
		if cell.Status() != tt.status || cell.Documents != tt.documents {
			t.Errorf("heat map %s: %s with %d documents, want %s with %d", tt.code, cell.Status(), cell.Documents, tt.status, tt.documents)
		}
		if compared.Status != tt.status || compared.Documents != tt.documents {
			t.Errorf("compare %s: %s with %d documents, want %s with %d", tt.code, compared.Status, compared.Documents, tt.status, tt.documents)
		}
	}
	// 1.1.1 is covered; 2.2.1 has no number yet, so it is not.
	if got := v.matrix.Cities[0].Covered; got != 1 {
		t.Errorf("covered: %d, want 1 (1.1.1 only)", got)
	}
	var buf bytes.Buffer
	if err := rep.WriteDOCX(&buf); err != nil {
		t.Fatal(err)
	}
	doc := docxText(t, buf.Bytes())
	_, after, _ := strings.Cut(doc, "2.2.1 ")
	if _, status, _ := strings.Cut(after, "状态\uFF1A"); !strings.HasPrefix(status, report.NoValue) {
		t.Errorf("the Word report's 2.2.1 reads %.40q, want 状态：%s", status, report.NoValue)
	}
	if !strings.Contains(doc, report.UnreadableHeading) {
		t.Errorf("the Word report does not list the encrypted ledger under %s", report.UnreadableHeading)
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
	// A value verified before its source was deleted is no more 已核实
	// than one pending: both 出处已删除, as a claim would be.
	if got["3.1.3"] != "出处已删除" || got["4.1.2"] != "出处已删除" {
		t.Errorf("values whose source was deleted: 3.1.3 %q, 4.1.2 %q; want 出处已删除", got["3.1.3"], got["4.1.2"])
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

// docxText is the text of a Word document's body, its tags dropped.
func docxText(t *testing.T, docx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("read the Word report: %v", err)
	}
	body, err := fs.ReadFile(zr, "word/document.xml")
	if err != nil {
		t.Fatalf("read the Word report's body: %v", err)
	}
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(body), "")
}
