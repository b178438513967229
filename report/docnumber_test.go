package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestGuessedDocNumberIsMarked: a 文号 guessed from what was read
// (杭教发（2018] 125 as 杭教发〔2018〕12号) is marked a guess wherever the
// report shows it — the DOCX's evidence table and the XLSX's evidence
// cell, in Chinese and English — as the search line does; a typed 文号
// is shown as typed. The report used to state the guess as fact.
func TestGuessedDocNumberIsMarked(t *testing.T) {
	e, svc := withData(t)
	scan := e.Upload(hangzhou, "评选通知.txt", testenv.GuessedNotice)
	const guessed = "杭教发〔2018〕12号"
	if scan.DocNumber != guessed || catalog.DocNumberGuess(scan).Chinese == "" {
		t.Fatalf("文号 %q read as %q; want %s marked a guess", scan.DocNumber, scan.DocNumberRead, guessed)
	}
	if err := e.Ingest.AddLinkInRound(ctx, coord, &catalog.Link{DocumentID: scan.ID, IndicatorCode: "1.1.1", Page: 1}, 2017); err != nil {
		t.Fatal(err)
	}
	typed := *documentsPatch().DocNumber
	for _, tt := range []struct {
		lang report.Lang
		mark string
	}{
		{report.Chinese, "\uFF08推断\uFF0C请核对\uFF09"},
		{report.English, " (inferred; please check)"},
	} {
		r, err := svc.Build(ctx, coord, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if !strings.Contains(text, guessed+tt.mark) {
			t.Errorf("DOCX (%s) does not mark the guessed 文号 %s%s: %.3000s", tt.lang, guessed, tt.mark, text)
		}
		if !strings.Contains(text, typed) || strings.Contains(text, typed+tt.mark) {
			t.Errorf("DOCX (%s) should show the typed 文号 %s unmarked: %.3000s", tt.lang, typed, text)
		}
		rows := xlsxRows(t, r)
		if cell := strings.Join(rows["1.1.1"], "\t"); !strings.Contains(cell, guessed+tt.mark) {
			t.Errorf("XLSX (%s) row 1.1.1 %q does not mark the guessed 文号 %s", tt.lang, cell, guessed)
		}
		if cell := strings.Join(rows["2.3.1"], "\t"); !strings.Contains(cell, typed) || strings.Contains(cell, typed+tt.mark) {
			t.Errorf("XLSX (%s) row 2.3.1 %q should show the typed 文号 %s unmarked", tt.lang, cell, typed)
		}
	}
}

// TestDocNumberIsShownAsWritten: a 文号 the notice writes 杭教成（2017）15号
// is shown so in the DOCX's evidence table and the XLSX's evidence cell,
// not with the 〔〕 it is matched by, which the notice does not have.
func TestDocNumberIsShownAsWritten(t *testing.T) {
	e, svc := withData(t)
	const written, stored = "杭教成（2017）15号", "杭教成〔2017〕15号"
	d := e.Upload(hangzhou, "评选通知.txt", "杭州市教育局文件\n"+written+"\n关于开展社区教育示范街道评选的通知\n"+
		"各区、县（市）教育局：\n现将有关事项通知如下。\n杭州市教育局\n2017年5月8日\n")
	if d.DocNumber != stored || catalog.DocNumberAsWritten(d) != written {
		t.Fatalf("文号 %q shown %q; want %s shown %s", d.DocNumber, catalog.DocNumberAsWritten(d), stored, written)
	}
	if err := e.Ingest.AddLinkInRound(ctx, coord, &catalog.Link{DocumentID: d.ID, IndicatorCode: "1.1.1", Page: 1}, 2017); err != nil {
		t.Fatal(err)
	}
	r, err := svc.Build(ctx, coord, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, written) || strings.Contains(text, stored) {
		t.Errorf("DOCX shows the 文号 otherwise than %s: %.3000s", written, text)
	}
	if cell := strings.Join(xlsxRows(t, r)["1.1.1"], "\t"); !strings.Contains(cell, written) || strings.Contains(cell, stored) {
		t.Errorf("XLSX row 1.1.1 %q does not show the 文号 as written, %s", cell, written)
	}
}
