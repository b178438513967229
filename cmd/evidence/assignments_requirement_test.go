package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestAssignmentsImportReadsTheRequirement: `assignments import` says it
// read the table's 材料要求 column, `assignments list` shows each task's
// requirement under it (labelled 备注 when the table's 备注 gave it, and
// naming a column other than 材料要求), and a garbled table is refused
// saying so.
func TestAssignmentsImportReadsTheRequirement(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	write := func(text string) string {
		path := filepath.Join(t.TempDir(), "责任分解表.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	table := write("指标编码,责任单位,截止日期,材料要求\n2.3.1,市教育局,2018-03-31,\"学分银行相关政策文件\n实施情况\"\n")
	out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018")
	if err != nil || !strings.Contains(out, "“材料要求”列已作为各项任务的材料要求导入") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = runCLI(t, "assignments", "list", "--data", data, "--city", "330100")
	if err != nil || !strings.Contains(out, "\n    材料要求：学分银行相关政策文件\n      实施情况\n") {
		t.Errorf("list: %v\n%s", err, out)
	}
	table = write("指标编码,责任单位,截止日期,信息性质说明\n2.3.1,市教育局,2018-03-31,终身学习卡发卡文件\n")
	if _, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatal(err)
	}
	out, err = runCLI(t, "assignments", "list", "--data", data, "--city", "330100")
	if err != nil || !strings.Contains(out, "\n    材料要求（信息性质说明）：终身学习卡发卡文件\n") {
		t.Errorf("list after a table's 信息性质说明: %v\n%s", err, out)
	}
	table = write("指标编码,责任单位,截止日期,备注\n2.3.1,市教育局,2018-03-31,学习档案系统截图\n")
	if _, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatal(err)
	}
	out, err = runCLI(t, "assignments", "list", "--data", data, "--city", "330100")
	if err != nil || !strings.Contains(out, "\n    备注：学习档案系统截图\n") {
		t.Errorf("list after a table's 备注: %v\n%s", err, out)
	}
	garbled, err := charmap.Windows1252.NewDecoder().String("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n")
	if err != nil {
		t.Fatal(err)
	}
	_, err = runCLI(t, "assignments", "import", write(garbled), "--data", data, "--city", "330100", "--round", "2018")
	if msg := describe(err); !strings.Contains(msg, "表格文字乱码（可能是 UTF-8 的 CSV 被当作其他编码打开），请以 UTF-8 编码重新保存后再导入") {
		t.Errorf("a garbled table: %v", msg)
	}
}
