package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAssignmentsImportOfACityTable: a table as a city writes it in Excel
// (a merged title, a 填报单位 line, a 配合单位 column, 1.1.2's code merged
// over two rows, several 牵头单位 in one cell, 完成时限 2018年12月底 and
// 12月31日) imports one task per department, the new departments said
// 、-joined and the 配合单位 column said not imported. A corrected table
// names the tasks it leaves out and how to remove them; with
// --remove-missing it removes them, keeping (and naming) the one 市教育局
// handed in for. Through a running server and on the data folder alike.
func TestAssignmentsImportOfACityTable(t *testing.T) {
	served, local := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "data")
	coord := addUser(t, served, "--name", "wang", "--role", "coordinator", "--city", "330100")
	jiaoyu := addUser(t, served, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	addUser(t, local, "--name", "wang", "--role", "coordinator", "--city", "330100")
	addUser(t, local, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	dir := t.TempDir()
	first, corrected := filepath.Join(dir, "责任分解表.xlsx"), filepath.Join(dir, "责任分解表（改）.csv")
	f := excelize.NewFile()
	for i, r := range [][]any{{"杭州市学习型城市建设监测责任分解表"}, {"填报单位：市学习办"},
		{"序号", "指标编码", "牵头单位", "配合单位", "完成时限", "联系人及电话"},
		{"1", "1.1.2", "市教育局、市人力社保局", "各区、县（市）政府", "2018年12月底", "钱力"},
		{"2", "", "市统计局", "", "2018年12月底", "钱力"},
		{"3", "2.3.1", "市财政局\n市教育局", "市民政局", "12月31日", "孙丽"}} {
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
	if err := f.SaveAs(first); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(corrected, []byte("指标编码,责任单位,截止日期,联系人\n1.1.2,市教育局,2018-12-31,钱力\n1.1.2,市统计局,2018-12-31,钱力\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, served)
	// importOn imports table through the server and, when local, on
	// the data folder too, where it must say the same.
	importOn := func(table string, onLocal bool, more ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		err := run(t.Context(), append([]string{"assignments", "import", table, "--server", s.base, "--token", coord,
			"--city", "330100", "--round", "2018"}, more...), &out, &errOut)
		if err != nil {
			t.Fatalf("assignments import --server %s: %v", filepath.Base(table), err)
		}
		if !onLocal {
			return out.String()
		}
		localOut, err := runCLI(t, append([]string{"assignments", "import", table, "--data", local, "--city", "330100", "--round", "2018"}, more...)...)
		if err != nil {
			t.Fatalf("assignments import %s: %v", filepath.Base(table), err)
		}
		if localOut != out.String() {
			t.Errorf("import of %s through the server says\n%s\non the data folder\n%s", filepath.Base(table), out.String(), localOut)
		}
		return localOut
	}
	says := func(out string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("the import says\n%s\nwant %q in it", out, w)
			}
		}
	}
	out := importOn(first, true)
	says(out, "新增 5 项", "新加入责任单位名单：市人力社保局、市统计局、市财政局\n", "“配合单位”列未导入",
		"未导入：各区、县（市）政府（1.1.2）、市民政局（2.3.1）\n", "3 个责任单位无账号，任务无人接收：市人力社保局、市统计局、市财政局")
	if strings.Contains(out, "[") || strings.Contains(out, "市财政局\n市教育局") {
		t.Errorf("the import lists departments as a Go slice or one name over two lines:\n%s", out)
	}

	// 市教育局 sees 1.1.2 and 2.3.1, and hands in for 2.3.1 (through the
	// server: a contributor hands in so only).
	list, err := runCLI(t, "assignments", "list", "--server", s.base, "--token", jiaoyu, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var mine struct {
		Assignments []struct{ ID, Indicator string }
	}
	if err := json.Unmarshal([]byte(list), &mine); err != nil || len(mine.Assignments) != 2 {
		t.Fatalf("市教育局's tasks: %v\n%s, want 1.1.2 and 2.3.1", err, list)
	}
	var task string
	for _, a := range mine.Assignments {
		if a.Indicator == "2.3.1" {
			task = a.ID
		}
	}
	docs := filepath.Join(t.TempDir(), "学分银行总结.txt")
	if err := os.WriteFile(docs, []byte("杭州市学分银行建设工作总结"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "ingest", docs, "--server", s.base, "--token", jiaoyu, "--task", task); err != nil {
		t.Fatalf("市教育局 hands in: %v\n%s", err, out)
	}

	out = importOn(corrected, false)
	says(out, "本轮另有 3 项任务不在此表中：", "1.1.2 市人力社保局", "2.3.1 市教育局（已有提交材料，不会删除）", "2.3.1 市财政局",
		"请加 --remove-missing 再导入一次")
	out = importOn(corrected, false, "--remove-missing")
	says(out, "已删除本轮不在此表中的 2 项任务：", "本轮另有 1 项任务不在此表中：2.3.1 市教育局（已有提交材料，不会删除）")
	if strings.Contains(out, "请加 --remove-missing") {
		t.Errorf("an import with --remove-missing asks for it:\n%s", out)
	}
}
