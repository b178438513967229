package search

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// TestExportListsTheIndicatorsTheFilterFindsBy: exporting 学分银行
// filtered by 2.3.1 gave an empty 指标 cell for a document the filter
// found because a claim of 2.3.1 cites it (probe s43 #7): the column
// listed links only. It lists the indicators the filter and the facet
// count, those only cited marked （引用） ( (cited) in English), a linked
// and cited one once, unmarked; the about sheet says what the mark means.
func TestExportListsTheIndicatorsTheFilterFindsBy(t *testing.T) {
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		english bool
		want    map[string]string
		note    string
	}{
		{false, map[string]string{"A1": "2.3.1", "A2": "2.3.1\uFF08引用\uFF09", "A3": "2.3.1\uFF08引用\uFF09\u30012.3.2", "A4": "1.1.2\uFF08引用\uFF09\u30012.3.1"}, "（引用）"},
		{true, map[string]string{"A1": "2.3.1", "A2": "2.3.1 (cited)", "A3": "2.3.1 (cited), 2.3.2", "A4": "1.1.2 (cited), 2.3.1"}, "(cited)"},
	} {
		data, err := svc.ExportXLSX(context.Background(), Request{Query: "学分银行", Indicators: []string{"2.3.1"}, User: admin}, "", tt.english)
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("open the export: %v", err)
		}
		sheets := f.GetSheetList()
		rows, err := f.GetRows(sheets[0])
		if err != nil {
			t.Fatal(err)
		}
		about, err := f.GetRows(sheets[1])
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, row := range rows[1:] {
			id := row[len(row)-1][strings.LastIndex(row[len(row)-1], "/")+1:]
			id, _, _ = strings.Cut(id, "?")
			got[id] = row[6]
		}
		for id, want := range tt.want {
			if got[id] != want {
				t.Errorf("export (English %v) of 学分银行 in 2.3.1: %s's 指标 cell %q, want %q (all: %v)", tt.english, id, got[id], want, got)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("export (English %v) of 学分银行 in 2.3.1 lists %v, want %d documents", tt.english, got, len(tt.want))
		}
		explained := false
		for _, row := range about {
			explained = explained || len(row) == 2 && strings.Contains(row[1], tt.note)
		}
		if !explained {
			t.Errorf("export (English %v): the about sheet does not say what %s means: %v", tt.english, tt.note, about)
		}
	}
}
