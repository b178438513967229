package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// han finds Chinese characters.
var han = regexp.MustCompile(`\p{Han}`)

// TestEnglishReport: a report asked for in English has English headings,
// labels and statuses in XLSX and DOCX, and names the city, the framework,
// its areas and indicators in English where they have an English name;
// the data (titles, statements) stays Chinese as recorded. Without a
// language it is Chinese.
func TestEnglishReport(t *testing.T) {
	_, svc := withData(t)
	r, err := svc.Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	r.Lang = report.English
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "About" {
		t.Errorf("cover sheet %q, want About", sheets[0])
	}
	cover, _ := f.GetRows(sheets[0])
	for _, row := range cover {
		if han.MatchString(row[0]) {
			t.Errorf("cover label %q is Chinese in an English report", row[0])
		}
	}
	var statuses []string
	for _, s := range sheets[1:] {
		rows, _ := f.GetRows(s)
		for _, h := range rows[0] {
			if han.MatchString(h) {
				t.Errorf("sheet %s: heading %q is Chinese in an English report", s, h)
			}
		}
		for _, row := range rows[1:] {
			statuses = append(statuses, row[2], row[3])
			if len(row) > 7 && strings.Contains(row[7], "杭州市建立了学分银行") && !strings.Contains(row[7], "[Pending review]") {
				t.Errorf("claim cell %q: want the statement as written and [Pending review]", row[7])
			}
		}
	}
	for _, s := range statuses {
		if han.MatchString(s) {
			t.Errorf("type or status %q is Chinese in an English report", s)
		}
	}
	joined := strings.Join(statuses, ",")
	for _, w := range []string{"Gap", "Evidence", "Qualitative", "Quantitative"} {
		if !strings.Contains(joined, w) {
			t.Errorf("types and statuses %q: want %s among them", joined, w)
		}
	}
	if got := r.Filename("docx"); got != "report-Hangzhou-2017.docx" {
		t.Errorf("English report's file name %q, want report-Hangzhou-2017.docx", got)
	}
	for _, s := range sheets[1:] {
		if han.MatchString(s) {
			t.Errorf("sheet %q is named in Chinese in an English report", s)
		}
	}
	if sheets[1] != "1 Leadership, policy and…" {
		t.Errorf("the first area's sheet %q, want its English name cut after a whole word", sheets[1])
	}
	for _, row := range cover {
		if len(row) > 1 && han.MatchString(row[1]) && row[0] != "Note" {
			t.Errorf("cover %s %q: want the English name", row[0], row[1])
		}
	}
	area2, _ := f.GetRows(sheets[2])
	if len(area2) < 2 || area2[1][0] != "2.1.1" || han.MatchString(area2[1][1]) {
		t.Errorf("first indicator row of %s: %q, want 2.1.1 named in English", sheets[2], area2[1])
	}

	buf.Reset()
	if err := r.WriteDOCX(&buf); err != nil {
		t.Fatal(err)
	}
	doc := docxBody(t, buf.Bytes())
	for _, w := range []string{"Learning City Monitoring Report", "Status: ", "Claims", "Document number",
		"City: Hangzhou (330100)", "Framework: Learning-city monitoring framework (illustrative)", "Leadership, policy and resources"} {
		if !strings.Contains(doc, w) {
			t.Errorf("English DOCX lacks %q", w)
		}
	}
	for _, w := range []string{"状态", "定性描述", "佐证材料", "文号", "缺"} {
		if strings.Contains(doc, w) {
			t.Errorf("English DOCX still says %q", w)
		}
	}
	if !strings.Contains(doc, "杭州市建立了学分银行") {
		t.Errorf("English DOCX lost the claim's Chinese statement")
	}

	r.Lang = ""
	buf.Reset()
	if err := r.WriteDOCX(&buf); err != nil {
		t.Fatal(err)
	}
	if doc := docxBody(t, buf.Bytes()); !strings.Contains(doc, "状态\uFF1A") || strings.Contains(doc, "Status") ||
		!strings.Contains(doc, "组织保障") || strings.Contains(doc, "Hangzhou") {
		t.Errorf("a report without a language should be Chinese")
	}
}

func docxBody(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]report.Lang{
		"en": report.English, "en-US,en;q=0.9": report.English, "EN-gb": report.English,
		"zh-CN,zh;q=0.9,en;q=0.8": report.Chinese, "": report.Chinese, "zh": report.Chinese, "fr": report.Chinese,
	} {
		if got := report.ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", in, got, want)
		}
	}
}
