package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

var ctx = context.Background()

const hangzhou, chengdu = "330100", "510100"

// coord is Hangzhou's coordinator, who records its claims and values.
var coord = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}

// withData records, for Hangzhou in 2017, a linked document, a value and a
// claim, and returns the report service.
func withData(t *testing.T) (*testenv.Env, *report.Service) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", "杭州市认定市民终身学习基地123个,建立学分银行。")
	if _, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, documentsPatch()); err != nil {
		t.Fatal(err)
	}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	return e, report.NewService(e.Catalog)
}

func TestXLSXReadsBack(t *testing.T) {
	_, svc := withData(t)
	r, err := svc.Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("excelize cannot open the report: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1+len(r.Areas) || sheets[0] != "说明" {
		t.Fatalf("sheets %v, want 说明 and one per area (%d)", sheets, len(r.Areas))
	}
	rows := map[string][]string{}
	for _, s := range sheets[1:] {
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("sheet %s: header not frozen (%+v %v)", s, panes, err)
		}
		all, _ := f.GetRows(s)
		if all[0][0] != "编码" || all[0][3] != "状态" {
			t.Errorf("sheet %s header: %v", s, all[0])
		}
		for _, row := range all[1:] {
			rows[row[0]] = row
		}
	}
	if v := rows["2.2.1"]; v[3] != report.Present || v[4] != "123" || v[5] != "个" || !strings.Contains(v[6], "第1页") {
		t.Errorf("2.2.1 row %q, want 有证据, 123 个 and its source page", v)
	}
	if c := rows["2.3.1"]; !strings.Contains(c[7], "杭州市建立了学分银行【待审核】") || !strings.Contains(c[8], "杭政办发〔2017〕12号") ||
		!strings.Contains(c[8], "2017-03-01") {
		t.Errorf("2.3.1 row %q, want the claim with its verdict and the evidence with 文号 and date", c)
	}
	// A gap and a missing value are marked the same way.
	if q, l := rows["5.1.1"], rows["1.2.1"]; q[3] != report.Gap || q[4] != report.Gap || l[3] != report.Gap {
		t.Errorf("missing value %q and qualitative gap %q, want both 缺", q, l)
	}
}

func TestDOCXParses(t *testing.T) {
	_, svc := withData(t)
	r, err := svc.Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	text, headings, tables := docx(t, r)
	if !strings.Contains(text, "杭州市建立了学分银行【待审核】") || !strings.Contains(text, "杭政办发〔2017〕12号") {
		t.Errorf("document text lacks the claim or the 文号: %.300s", text)
	}
	// The round reads as every page writes it (probe s55: 监测轮次：2018).
	if !strings.Contains(text, "监测轮次\uFF1A2017年度") {
		t.Errorf("document text does not name the round 2017年度: %.300s", text)
	}
	if !headings["2.3.1 建立学分银行或学分积累、转换与认证制度"] || !headings["定性描述"] {
		t.Errorf("headings %v lack the indicator or 定性描述", headings)
	}
	if tables < 2 {
		t.Errorf("%d evidence tables, want at least 2", tables)
	}
}

func TestEmptyCityGivesValidFilesThatSaySo(t *testing.T) {
	_, svc := withData(t)
	r, err := svc.Build(ctx, testenv.Admin, chengdu, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Empty {
		t.Fatal("Chengdu has nothing, yet the report is not empty")
	}
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	notice, _ := f.GetCellValue("说明", "B6")
	if !strings.Contains(notice, "尚无任何佐证材料") {
		t.Errorf("empty report's cover says %q, want it to say there is nothing", notice)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, "尚无任何佐证材料") {
		t.Errorf("empty DOCX does not say so")
	}
	// In English a round is "round 2017" as on the pages, not "the 2017
	// round" (s60 probe).
	r.Lang = report.English
	if text, _, _ := docx(t, r); !strings.Contains(text, "has no evidence document, claim or value in round 2017 yet.") {
		t.Errorf("empty English DOCX: %.300q, want it to say the city has nothing in round 2017 yet", text)
	}
	coordA := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}
	if _, err := svc.Build(ctx, coordA, chengdu, 2017); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("another city's report for a coordinator: %v, want ENOTFOUND", err)
	}
}

// docx writes r as DOCX, parses word/document.xml and returns its text,
// its headings and the number of tables.
func docx(t *testing.T, r *report.Report) (string, map[string]bool, int) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteDOCX(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	var doc io.ReadCloser
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc, _ = f.Open()
		}
	}
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	defer doc.Close()
	dec := xml.NewDecoder(doc)
	var text strings.Builder
	headings := map[string]bool{}
	tables, style, para := 0, "", ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml does not parse: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "tbl":
				tables++
			case "p":
				style, para = "", ""
			case "pStyle":
				style = el.Attr[0].Value
			}
		case xml.CharData:
			text.Write(el)
			para += string(el)
		case xml.EndElement:
			if el.Name.Local == "p" && strings.HasPrefix(style, "Heading") {
				headings[para] = true
			}
		}
	}
	return text.String(), headings, tables
}

func documentsPatch() catalog.DocumentPatch {
	num, date := "杭政办发〔2017〕12号", "2017-03-01"
	return catalog.DocumentPatch{DocNumber: &num, IssuedOn: &date}
}
