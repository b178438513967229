package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// An operator sets up a collection round from the command line: a
// department's account, a GBK table refused for its bad row, then
// imported, then listed.
func TestAssignmentsImportAndList(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	if _, err := runCLI(t, "user", "add", "--data", data, "--name", "x", "--role", "contributor", "--city", "330100"); err == nil ||
		!strings.Contains(describe(err), "部门") {
		t.Errorf("a contributor without a department: %v", err)
	}
	write := func(name, text string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), name)
		os.WriteFile(path, b, 0o644)
		return path
	}
	bad := write("责任分解表.csv", "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n2.3.9,市教育局,2018-13-01,\n")
	_, err := runCLI(t, "assignments", "import", bad, "--data", data, "--city", "330100", "--round", "2018")
	if msg := describe(err); err == nil || !strings.Contains(msg, "第 3 行") || !strings.Contains(msg, "2.3.9") || !strings.Contains(msg, "2018-13-01") {
		t.Fatalf("a table with a bad row: %v", err)
	}
	good := write("责任分解表.csv", "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")
	out, err := runCLI(t, "assignments", "import", good, "--data", data, "--city", "330100", "--round", "2018")
	if err != nil || !strings.Contains(out, "新增 2 项") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = runCLI(t, "assignments", "list", "--data", data, "--city", "330100", "--department", "杭州市教育局")
	if err != nil || !strings.Contains(out, "2.3.1") || strings.Contains(out, "1.3.2") || !strings.Contains(out, "未提交 逾期") {
		t.Errorf("list of 杭州市教育局 (= 市教育局): %v\n%s", err, out)
	}
}

// TestAssignmentsImportXLS: `evidence assignments import 责任分解表.xls`
// reads the table in the extraction sandbox's child (this binary's
// extract-child) and imports it; a damaged one is refused with what to do.
func TestAssignmentsImportXLS(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	xls, damaged := testfiles.ResponsibilityXLS(t)
	dir := t.TempDir()
	bad, good := filepath.Join(dir, "损坏的责任分解表.xls"), filepath.Join(dir, "责任分解表.xls")
	for path, body := range map[string][]byte{bad: damaged, good: xls} {
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := runCLI(t, "assignments", "import", bad, "--data", data, "--city", "330100", "--round", "2018"); !strings.Contains(describe(err), "已损坏") {
		t.Errorf("a damaged .xls: %v, want it named damaged", err)
	}
	out, err := runCLI(t, "assignments", "import", good, "--data", data, "--city", "330100", "--round", "2018")
	if err != nil || !strings.Contains(out, "新增 4 项") {
		t.Fatalf("import of an .xls: %v\n%s", err, out)
	}
}

// TestUserDepartment moves a contributor to another department of the
// city's list from the command line; a department not on the list is
// refused naming it.
func TestUserDepartment(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	table := filepath.Join(t.TempDir(), "责任分解表.csv")
	os.WriteFile(table, []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n1.3.2,市人社局,2018-04-15\n"), 0o644)
	if _, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "user", "department", "--data", data, "--name", "jiaoyu", "--department", "市民政局"); !strings.Contains(describe(err), "市民政局") {
		t.Errorf("moving to a department not on the list: %v, want it refused naming 市民政局", err)
	}
	out, err := runCLI(t, "user", "department", "--data", data, "--name", "jiaoyu", "--department", "人社局")
	if err != nil || !strings.Contains(out, "用户 jiaoyu 的部门已改为：市人社局") {
		t.Fatalf("moving jiaoyu to 人社局: %v\n%s", err, out)
	}
	out, err = runCLI(t, "user", "list", "--data", data)
	if err != nil || !strings.Contains(out, "市人社局") {
		t.Errorf("user list after the move: %v\n%s", err, out)
	}
	out, err = runCLI(t, "user", "department", "--data", data, "--name", "jiaoyu", "--department", "市教育局", "--lang", "en")
	if err != nil || !strings.Contains(out, "User jiaoyu now belongs to department 市教育局") {
		t.Errorf("moving jiaoyu back, in English: %v\n%s", err, out)
	}
}
