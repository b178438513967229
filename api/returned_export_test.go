package api

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exportedSheets fetches path as who and reads the workbook's two sheets:
// the results by document link (its id after /documents/) and the about
// sheet's rows.
func (e *env) exportedSheets(t *testing.T, path, who string) (header []string, byDoc map[string][]string, about [][]string) {
	t.Helper()
	res, data, err := e.fetch(e.request("GET", path, nil), who)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s: %v %v %s", who, path, res, err, data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: open the export of %s: %v", who, path, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	rows, err := f.GetRows(sheets[0])
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %s: rows %v %v", who, path, rows, err)
	}
	byDoc = map[string][]string{}
	for _, row := range rows[1:] {
		// Padded to the 已退回 column: the sheet leaves trailing empty
		// cells out, and an export without the column must fail, not panic.
		row = append(row, make([]string, max(11, len(rows[0]))-len(row))...)
		link := row[9]
		id, _, _ := strings.Cut(link[strings.LastIndex(link, "/")+1:], "?")
		byDoc[id] = row
	}
	if about, err = f.GetRows(sheets[1]); err != nil {
		t.Fatal(err)
	}
	return rows[0], byDoc, about
}

// aboutSays reports whether a row of about holds want.
func aboutSays(about [][]string, want string) bool {
	for _, row := range about {
		if strings.Contains(strings.Join(row, " "), want) {
			return true
		}
	}
	return false
}

// TestSearchExportOfReturnedFiles: the export of 45000, after 台账 was
// returned and 台账修订 handed in instead, matches the search: without
// include_returned it lists 台账修订 alone and its 说明 says
// 另有 1 份已退回的文件未列出 (in English too); with include_returned=true it
// lists both, 台账 marked in the 已退回 column with when and on which task
// — who returned it and why to the city's coordinator only, as the
// search's returned tells them — and 台账修订 unmarked. The export had no
// such column, said nothing of the files it left out.
func TestSearchExportOfReturnedFiles(t *testing.T) {
	e, _, old, corrected := ledgerReplaced(t)
	const why = "缺少各区县分项数据"
	header, rows, about := e.exportedSheets(t, "/api/v1/search/export?q=45000", "expert")
	if len(header) != 11 || header[10] != "已退回" {
		t.Errorf("header %q, want 已退回 after 链接", header)
	}
	if len(rows) != 1 || rows[corrected] == nil {
		t.Errorf("export of 45000 lists %v, want 台账修订 alone", rows)
	}
	if !aboutSays(about, "另有 1 份已退回的文件未列出") {
		t.Errorf("the 说明 sheet %q does not say 另有 1 份已退回的文件未列出", about)
	}
	_, _, about = e.exportedSheets(t, "/api/v1/search/export?q=45000&lang=en", "expert")
	if !aboutSays(about, "Returned files matched and not listed: 1") {
		t.Errorf("the English about sheet %q does not say one returned file was left out", about)
	}
	for _, tt := range []struct {
		who   string
		named bool
	}{{"expert", false}, {"coordA", true}} {
		_, rows, about := e.exportedSheets(t, "/api/v1/search/export?q=45000&include_returned=true", tt.who)
		if len(rows) != 2 || rows[old] == nil || rows[corrected] == nil {
			t.Fatalf("%s: export of 45000 with include_returned lists %v, want 台账 and 台账修订", tt.who, rows)
		}
		cell := rows[old][10]
		if !strings.Contains(cell, "退回") || !strings.Contains(cell, "2.3.1") || !strings.Contains(cell, "UTC+8") {
			t.Errorf("%s: 台账's 已退回 cell %q, want when and the task of 2.3.1", tt.who, cell)
		}
		if named := strings.Contains(cell, "coordA") && strings.Contains(cell, why); named != tt.named {
			t.Errorf("%s: 台账's 已退回 cell %q names who and why: %v, want %v", tt.who, cell, named, tt.named)
		}
		if rows[corrected][10] != "" {
			t.Errorf("%s: 台账修订 is marked returned: %q", tt.who, rows[corrected][10])
		}
		if aboutSays(about, "未列出") || !aboutSays(about, "包括已退回的文件") {
			t.Errorf("%s: with include_returned the 说明 sheet %q, want the choice among the filters and nothing left out", tt.who, about)
		}
	}
}
