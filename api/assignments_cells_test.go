package api

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cityTableXLSX is a responsibility table as a city writes it in Excel:
// a title merged across the row, a 填报单位 line, a 配合单位 column,
// 1.1.2's code merged over its two rows, several 牵头单位 in one cell.
func cityTableXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"杭州市学习型城市建设监测责任分解表"}, {"填报单位：市学习办"},
		{"序号", "指标编码", "牵头单位", "配合单位", "完成时限", "联系人及电话"},
		{"1", "1.1.2", "市教育局、市人力社保局", "各区、县（市）政府", "2018年12月底", "钱力"},
		{"2", "", "市统计局", "", "2018年12月底", "钱力"},
		{"3", "2.3.1", "市财政局\n市教育局", "市民政局", "12月31日", "孙丽"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A1", "F1"}, {"B4", "B5"}} {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportSplitsACellOfDepartmentsAndNamesTasksLeftOut: the table's
// cells naming two departments give each its task (市教育局 sees 1.1.2 and
// 2.3.1), the answer names the 配合单位 column as not imported, and a
// corrected table imported with remove_missing removes the tasks it no
// longer lists except the one 市教育局 handed in for, which the answer
// names as handed in.
func TestImportSplitsACellOfDepartmentsAndNamesTasksLeftOut(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.xlsx": cityTableXLSX(t)})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	var tasks []string
	for _, a := range body["assignments"].([]any) {
		a := a.(map[string]any)
		tasks = append(tasks, a["indicator"].(string)+" "+a["department"].(string)+" "+a["due"].(string))
	}
	slices.Sort(tasks)
	want := []string{"1.1.2 市人力社保局 2018-12-31", "1.1.2 市教育局 2018-12-31", "1.1.2 市统计局 2018-12-31",
		"2.3.1 市教育局 2018-12-31", "2.3.1 市财政局 2018-12-31"}
	if !slices.Equal(tasks, want) {
		t.Errorf("tasks %q, want %q", tasks, want)
	}
	for _, d := range body["new_departments"].([]any) {
		if strings.ContainsAny(d.(string), "、\n") {
			t.Errorf("new department %q holds several", d)
		}
	}
	if cols := body["ignored_columns"].([]any); len(cols) != 1 || cols[0] != "配合单位" {
		t.Errorf("ignored_columns %v, want the 配合单位 column", cols)
	}

	resp, body = e.do(e.request("GET", "/api/v1/assignments", nil), "contribA")
	var mine []string
	for _, a := range body["assignments"].([]any) {
		mine = append(mine, a.(map[string]any)["indicator"].(string))
	}
	slices.Sort(mine)
	if resp.StatusCode != 200 || !slices.Equal(mine, []string{"1.1.2", "2.3.1"}) {
		t.Fatalf("市教育局's tasks: %d %v, want 1.1.2 and 2.3.1", resp.StatusCode, mine)
	}
	var handed string
	for _, a := range body["assignments"].([]any) {
		if a := a.(map[string]any); a["indicator"] == "2.3.1" {
			handed = a["id"].(string)
		}
	}
	resp, body = e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"doc_type": "work_summary", "assignment": handed},
		map[string][]byte{"学分银行总结.txt": []byte("杭州市学分银行建设工作总结")})), "contribA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("市教育局 handing in: %d %v", resp.StatusCode, body)
	}

	corrected := "指标编码,责任单位,截止日期,联系人\n1.1.2,市教育局,2018-12-31,钱力\n1.1.2,市统计局,2018-12-31,钱力\n"
	left := func(list any) []string {
		var out []string
		for _, a := range list.([]any) {
			a := a.(map[string]any)
			out = append(out, a["indicator"].(string)+" "+a["department"].(string)+map[bool]string{true: " 已提交"}[a["handed_in"] == true])
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		remove           string
		notInTable, gone []string
	}{
		{"", []string{"1.1.2 市人力社保局", "2.3.1 市教育局 已提交", "2.3.1 市财政局"}, nil},
		{"true", []string{"2.3.1 市教育局 已提交"}, []string{"1.1.2 市人力社保局", "2.3.1 市财政局"}},
	} {
		resp, body = e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018",
			"remove_missing": tt.remove}, map[string][]byte{"责任分解表（改）.csv": []byte(corrected)})), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("corrected import (remove_missing=%q): %d %v", tt.remove, resp.StatusCode, body)
		}
		if got := left(body["not_in_table"]); !slices.Equal(got, tt.notInTable) {
			t.Errorf("remove_missing=%q: not_in_table %q, want %q", tt.remove, got, tt.notInTable)
		}
		if got := left(body["removed"]); !slices.Equal(got, tt.gone) {
			t.Errorf("remove_missing=%q: removed %q, want %q", tt.remove, got, tt.gone)
		}
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments?round=2018", nil), "coordA")
	if n := len(body["assignments"].([]any)); resp.StatusCode != 200 || n != 3 {
		t.Errorf("the round's tasks after the removal: %d %d, want 3", resp.StatusCode, n)
	}
}
