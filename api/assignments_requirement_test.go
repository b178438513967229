package api

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// TestTaskJSONCarriesTheCitysRequirement: a table's 材料要求 comes back
// as each task's requirement, in the import's answer and in the task
// list a department reads, beside the framework's info; a corrected
// table replaces it; the answer names the column read.
func TestTaskJSONCarriesTheCitysRequirement(t *testing.T) {
	e := newEnv(t)
	importTable := func(requirement string) map[string]any {
		t.Helper()
		table := requirementXLSX(t, [][]any{{"指标编码", "责任单位", "截止日期", "材料要求"}, {"2.3.1", "市教育局", "2018-12-31", requirement}})
		resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
			map[string][]byte{"责任分解表.xlsx": table})), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("import: %d %v", resp.StatusCode, body)
		}
		return body
	}
	listed := func() map[string]any {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/assignments?round=2018", nil), "contribA")
		list := body["assignments"].([]any)
		if len(list) != 1 {
			t.Fatalf("the department lists %d tasks, want 1: %v", len(list), body)
		}
		return list[0].(map[string]any)
	}
	body := importTable("学分银行相关政策文件及实施情况")
	if body["requirement_column"] != "材料要求" {
		t.Errorf("requirement_column %v, want 材料要求", body["requirement_column"])
	}
	if a := body["assignments"].([]any)[0].(map[string]any); a["requirement"] != "学分银行相关政策文件及实施情况" {
		t.Errorf("the import's task says requirement %v", a["requirement"])
	}
	if a := listed(); a["requirement"] != "学分银行相关政策文件及实施情况" || a["info"] != "制度文件、试点方案、典型案例" {
		t.Errorf("the department's task: requirement %v, info %v", a["requirement"], a["info"])
	}
	importTable("学分银行管理办法")
	if a := listed(); a["requirement"] != "学分银行管理办法" {
		t.Errorf("after the corrected table the task says requirement %v", a["requirement"])
	}
}

// TestTaskJSONMarksARemarkAsOne: a table without a 材料要求 column gives
// a task the 备注 that names material, marked requirement_from_remark in
// the import's answer and in the department's list, and none of a 备注
// that says 已完成 or a telephone number.
func TestTaskJSONMarksARemarkAsOne(t *testing.T) {
	e := newEnv(t)
	table := requirementXLSX(t, [][]any{{"指标编码", "责任单位", "截止日期", "备注"},
		{"2.3.1", "市教育局", "2018-12-31", "学习档案系统截图"}, {"2.3.2", "市教育局", "2018-12-31", "0574-87654321"}})
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.xlsx": table})), "coordA")
	if resp.StatusCode != http.StatusCreated || body["requirement_column"] != "备注" || body["requirement_from_remark"] != true {
		t.Fatalf("import: %d, column %v from the 备注 %v; want 201, 备注, true", resp.StatusCode, body["requirement_column"], body["requirement_from_remark"])
	}
	_, body = e.do(e.request("GET", "/api/v1/assignments?round=2018", nil), "contribA")
	got := map[string]string{}
	for _, a := range body["assignments"].([]any) {
		a := a.(map[string]any)
		got[a["indicator"].(string)] = fmt.Sprint(a["requirement"], "|", a["requirement_from_remark"])
	}
	if want := map[string]string{"2.3.1": "学习档案系统截图|true", "2.3.2": "|<nil>"}; !maps.Equal(got, want) {
		t.Errorf("the department's tasks: %v, want %v", got, want)
	}
}

// TestMisdecodedTableIsRefusedSayingSo: the API refuses a table whose
// text is UTF-8 read as Windows-1252 with a 400 that says so, in Chinese
// and in English.
func TestMisdecodedTableIsRefusedSayingSo(t *testing.T) {
	e := newEnv(t)
	garbled, err := charmap.Windows1252.NewDecoder().String("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.csv": []byte(garbled)})), "coordA")
	detail, _ := body["error"].(map[string]any)
	if resp.StatusCode != http.StatusBadRequest || detail["message"] != "表格文字乱码（可能是 UTF-8 的 CSV 被当作其他编码打开），请以 UTF-8 编码重新保存后再导入" ||
		!strings.HasPrefix(detail["message_en"].(string), "The table's text is garbled") {
		t.Errorf("a garbled table: %d %v", resp.StatusCode, body)
	}
}

// requirementXLSX is a table of rows as an XLSX.
func requirementXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
