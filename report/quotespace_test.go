package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// quoteGlued finds an opening quotation mark straight after a Latin
// letter, a digit or a closing mark of English: p. 1“…”.
var quoteGlued = regexp.MustCompile(`[A-Za-z0-9.,;:)]\x{201c}`)

// TestEnglishReportSetsQuotesApart: a value of 2.3.3 cites p. 1 of a
// document with the quote 学分银行累计开户学习者12000人. The English XLSX
// writes the citation as p. 1 “…” — with a space before the mark, where
// it wrote p. 1“…” (probe s39 #5) — and neither the English XLSX nor the
// English DOCX glues a quote to the English word before it; the Chinese
// report keeps 第1页“…” as Chinese is written.
func TestEnglishReportSetsQuotesApart(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行.txt", "2017年杭州市学分银行累计开户学习者12000人，覆盖所有区县。")
	const quote = "学分银行累计开户学习者12000人"
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "12000",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang report.Lang
		want string
	}{
		{report.Chinese, "第1页\u201c" + quote + "\u201d"},
		{report.English, "p. 1 \u201c" + quote + "\u201d"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		rows := xlsxRows(t, r)
		if cell := strings.Join(rows["2.3.3"], "\t"); !strings.Contains(cell, tt.want) {
			t.Errorf("XLSX (%s) row 2.3.3 %q, want %q", tt.lang, cell, tt.want)
		}
		if tt.lang != report.English {
			continue
		}
		for code, row := range rows {
			for _, cell := range row {
				if glued := quoteGlued.FindString(cell); glued != "" {
					t.Errorf("English XLSX row %s: %q glues a quote to the word before it (%q)", code, cell, glued)
				}
			}
		}
		for _, p := range docxParagraphs(t, r) {
			if glued := quoteGlued.FindString(p); glued != "" {
				t.Errorf("English DOCX paragraph %q glues a quote to the word before it (%q)", p, glued)
			}
		}
	}
}

// docxParagraphs is the text of each paragraph of r's DOCX (a table's
// cells are paragraphs too).
func docxParagraphs(t *testing.T, r *report.Report) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteDOCX(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var paras []string
	var p strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return paras
		}
		if err != nil {
			t.Fatalf("document.xml does not parse: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "p" {
				p.Reset()
			}
		case xml.CharData:
			p.Write(el)
		case xml.EndElement:
			if el.Name.Local == "p" {
				paras = append(paras, p.String())
			}
		}
	}
}
