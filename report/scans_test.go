package report_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestReportListsAScanOfADocumentOnce: 杭州 linked to 2.3.1 a 2-page
// notice 杭教发〔2023〕5号 and a photo of its first page, and a 情况说明
// that quotes the same 文号's notice is cited by a claim. The report lists
// the notice once, the fuller document, with （另有扫描件或副本：…） naming the
// photo, in XLSX and DOCX, Chinese and English; the cited document stays
// listed although it shares the 文号.
func TestReportListsAScanOfADocumentOnce(t *testing.T) {
	e := testenv.New(t)
	head := "杭州市教育局文件\n\n杭教发〔2023〕5号\n\n关于推进学分银行建设的通知\n\n各区、县（市）教育局：为推进学分银行建设，现将有关事项通知如下。"
	photo := e.Upload(hangzhou, "IMG_20230315_0912.txt", head+"一、建立市民终身学习账户，记录学习成果。")
	pdf := e.Upload(hangzhou, "杭教发2023-5号.txt", head+"一、建立市民终身学习账户，记录学习成果。\f二、学分认定与转换按有关规定执行。杭州市教育局 2023年3月1日")
	cited := e.Upload(hangzhou, "情况说明.txt", head+"附：学分银行建设情况说明，全市已开设学习账户12万个。")
	for _, d := range []*catalog.Document{photo, pdf, cited} {
		if d.DocNumber != "杭教发〔2023〕5号" {
			t.Fatalf("%s: 文号 %q, want 杭教发〔2023〕5号 read from its text", d.Filename, d.DocNumber)
		}
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市已开设学习账户12万个",
		Citations: []claims.CitationInput{{DocumentID: cited.ID, Page: 1, Quote: "全市已开设学习账户12万个"}}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	var it report.Item
	for _, a := range r.Areas {
		for _, i := range a.Items {
			if i.Indicator.Code == "2.3.1" {
				it = i
			}
		}
	}
	var listed []string
	for _, ev := range it.Evidence {
		listed = append(listed, ev.DocumentID)
		if ev.DocumentID == pdf.ID && (len(ev.Scans) != 1 || ev.Scans[0].DocumentID != photo.ID) {
			t.Errorf("the notice's scans %v, want the photo %s", ev.Scans, photo.ID)
		}
	}
	if len(listed) != 2 || !strings.Contains(strings.Join(listed, " "), pdf.ID) || !strings.Contains(strings.Join(listed, " "), cited.ID) {
		t.Fatalf("2.3.1 lists %q, want the notice %s and the cited 情况说明 %s, not the photo %s", listed, pdf.ID, cited.ID, photo.ID)
	}
	// The photo is still a document of the report (an evidence pack
	// holds it), for 2.3.1.
	var uses []string
	for _, u := range r.Documents() {
		uses = append(uses, u.DocumentID+" "+strings.Join(u.Indicators, ","))
	}
	if !slices.Contains(uses, photo.ID+" 2.3.1") || len(uses) != 3 {
		t.Errorf("the report's documents %q, want the notice, the 情况说明 and the photo, for 2.3.1", uses)
	}
	note := "（另有扫描件或副本：" + photo.Filename + "）"
	if row := xlsxRows(t, r)["2.3.1"]; !strings.Contains(strings.Join(row, "\n"), note) || strings.Count(strings.Join(row, "\n"), "杭教发〔2023〕5号") != 2 {
		t.Errorf("XLSX 2.3.1 row %q, want the notice with %s and the 情况说明, 文号 twice", row, note)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, note) {
		t.Errorf("DOCX lacks %s", note)
	}
	r.Lang = report.English
	want := "(also a scan or copy: " + photo.Filename + ")"
	if row := xlsxRows(t, r)["2.3.1"]; !strings.Contains(strings.Join(row, "\n"), want) {
		t.Errorf("English XLSX 2.3.1 row %q lacks %s", row, want)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, want) {
		t.Errorf("English DOCX lacks %s", want)
	}
}

// TestReportListsAPartUnderItsDocument: a photo of page 1 whose 文号 the
// OCR did not read, recorded part of the notice (部分重复), is listed
// under the notice as a scan, not as a document of its own.
func TestReportListsAPartUnderItsDocument(t *testing.T) {
	e := testenv.New(t)
	body := "关于推进学分银行建设的通知\n\n各区、县（市）教育局：为推进学分银行建设，现将有关事项通知如下。一、建立市民终身学习账户，记录学习成果。"
	pdf := e.Upload(hangzhou, "学分银行通知.txt", "杭教发〔2023〕5号\n\n"+body+"\f二、学分认定与转换按有关规定执行。")
	photo := e.Upload(hangzhou, "IMG_0912.txt", body)
	if photo.DocNumber != "" {
		t.Fatalf("the photo has 文号 %q; the test needs one without", photo.DocNumber)
	}
	if err := e.Catalog.AddPartOf(ctx, photo.ID, pdf.ID, 0.97); err != nil {
		t.Fatal(err)
	}
	for _, d := range []*catalog.Document{photo, pdf} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	row := strings.Join(xlsxRows(t, r)["2.3.1"], "\n")
	if !strings.Contains(row, "（另有扫描件或副本：IMG_0912.txt）") || strings.Count(row, "《") != 1 {
		t.Errorf("XLSX 2.3.1 row %q, want the notice alone, with the photo as its scan", row)
	}
}

// TestReportListsADocumentOfTheSameNumberAndAnotherTitle: a 情况说明 that
// reads the notice's 文号 from its text, cited by nothing, is a document
// of its own, listed with its title, not folded under the notice as its
// scan.
func TestReportListsADocumentOfTheSameNumberAndAnotherTitle(t *testing.T) {
	e := testenv.New(t)
	head := "杭州市教育局文件\n\n杭教发〔2023〕5号\n\n关于推进学分银行建设的通知\n\n各区、县（市）教育局：为推进学分银行建设，现将有关事项通知如下。"
	pdf := e.Upload(hangzhou, "杭教发2023-5号.txt", head+"一、建立市民终身学习账户，记录学习成果。\f二、学分认定与转换按有关规定执行。杭州市教育局 2023年3月1日")
	note := e.Upload(hangzhou, "情况说明.txt", "关于学分银行建设进展情况的说明\n\n杭教发〔2023〕5号\n\n按照通知要求，全市已开设学习账户12万个，学分认定工作正在推进。")
	if note.DocNumber != pdf.DocNumber || note.Title == pdf.Title {
		t.Fatalf("情况说明: 文号 %q, title %q; the test needs the notice's 文号 %q and another title than %q", note.DocNumber, note.Title, pdf.DocNumber, pdf.Title)
	}
	for _, d := range []*catalog.Document{pdf, note} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	row := strings.Join(xlsxRows(t, r)["2.3.1"], "\n")
	if !strings.Contains(row, "《"+note.Title+"》") || strings.Contains(row, "另有") {
		t.Errorf("XLSX 2.3.1 row %q, want the 情况说明 listed with its title %q, nothing folded", row, note.Title)
	}
}
