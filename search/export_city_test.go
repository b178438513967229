package search_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestExportNamesTheCityInItsLanguage: the English export's City column
// says Hangzhou, as the English search page does, beside its English
// Type column; it used to say 杭州. The Chinese export made after it
// still says 杭州 (the English names are not written into the names the
// search keeps).
func TestExportNamesTheCityInItsLanguage(t *testing.T) {
	e := testenv.New(t)
	e.Upload("330100", "学分银行通知.txt", "关于开展学分银行学习成果认定工作的通知\n\n为推进终身学习学分银行建设，现就学习成果认定工作通知如下。")
	for _, tt := range []struct {
		english    bool
		city, kind string
	}{
		{true, "Hangzhou", "City"},
		{false, "杭州", "城市"},
	} {
		data, err := e.Search.ExportXLSX(context.Background(), search.Request{Query: "学分银行", User: testenv.Admin}, "", tt.english)
		if err != nil {
			t.Fatalf("export (English %v): %v", tt.english, err)
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
		if rows[0][2] != tt.kind || rows[1][2] != tt.city {
			t.Errorf("export (English %v): city column %q = %q, want %q = %q", tt.english, rows[0][2], rows[1][2], tt.kind, tt.city)
		}
	}
}
