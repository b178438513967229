package search_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestExportMarksAGuessedDocNumber: the exported results give a 文号
// guessed from what was read (杭教发（2018] 125 as 杭教发〔2018〕12号)
// marked a guess, as the result line does, in Chinese and English; the
// export used to state it as fact.
func TestExportMarksAGuessedDocNumber(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload("330100", "评选通知.txt", testenv.GuessedNotice)
	if d.DocNumber != "杭教发〔2018〕12号" || d.DocNumberRead == "" {
		t.Fatalf("文号 %q read as %q; want 杭教发〔2018〕12号 marked a guess", d.DocNumber, d.DocNumberRead)
	}
	for _, tt := range []struct {
		english bool
		want    string
	}{
		{false, "杭教发〔2018〕12号\uFF08推断\uFF0C请核对\uFF09"},
		{true, "杭教发〔2018〕12号 (inferred; please check)"},
	} {
		data, err := e.Search.ExportXLSX(context.Background(), search.Request{Query: "社区教育示范街道", User: testenv.Admin}, "", tt.english)
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("open the export: %v", err)
		}
		rows, err := f.GetRows(f.GetSheetList()[0])
		f.Close()
		if err != nil || len(rows) < 2 {
			t.Fatalf("export (English %v): %v rows %v", tt.english, err, rows)
		}
		if got := rows[1][4]; got != tt.want {
			t.Errorf("export (English %v): 文号 cell %q, want %q", tt.english, got, tt.want)
		}
	}
}
