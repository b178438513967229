package main

import (
	"encoding/json"
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
	// The same table again changes nothing, and says so (probe s36 #19).
	out, err = runCLI(t, "assignments", "import", good, "--data", data, "--city", "330100", "--round", "2018")
	if err != nil || !strings.Contains(out, "新增 0 项，更新 0 项，未变 2 项") {
		t.Errorf("the same table imported again: %v\n%s; want 新增 0 项，更新 0 项，未变 2 项", err, out)
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

// TestAssignmentsListSaysWhatTheCoordinatorLinked: two documents ingested
// for 2018 and linked to 2.3.1, which 市教育局 owes: `assignments list`
// keeps the task 未提交 and says, as the board does, 协调员已关联 2 份佐证
// 材料，不算部门提交, naming each document below; 市人社局's task of 1.3.2
// says nothing. Both are past their dates: 2.3.1, covered by the
// coordinator's material, is not 逾期 (as on the board and in the API's
// covered), 1.3.2 is. --lang en says it in English.
func TestAssignmentsListSaysWhatTheCoordinatorLinked(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	dir := t.TempDir()
	table := filepath.Join(dir, "责任分解表.csv")
	files := map[string]string{table: "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n"}
	docs := filepath.Join(dir, "材料")
	os.Mkdir(docs, 0o755)
	files[filepath.Join(docs, "学分银行建设方案.txt")] = "杭州市学分银行建设方案，推进学分认定与转换。"
	files[filepath.Join(docs, "学分银行管理办法.txt")] = "杭州市学分银行管理办法，规范学习成果认证。"
	for path, text := range files {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "ingest", docs, "--data", data, "--city", "330100", "--type", "policy", "--round", "2018", "--indicator", "2.3.1"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	out, err := runCLI(t, "assignments", "list", "--data", data, "--city", "330100", "--round", "2018")
	if err != nil {
		t.Fatalf("list: %v\n%s", err, out)
	}
	lines := strings.Split(out, "\n")
	var task, named []string
	for i, l := range lines {
		if strings.Contains(l, "\t2.3.1\t") {
			task = append(task, l)
			for _, next := range lines[i+1:] {
				if !strings.HasPrefix(next, "    协调员已关联：") {
					break
				}
				named = append(named, next)
			}
		}
		if strings.Contains(l, "\t1.3.2\t") && (strings.Contains(l, "已关联") || !strings.Contains(l, "未提交 逾期")) {
			t.Errorf("市人社局's task past its date with nothing linked: %q, want 未提交 逾期 and no 已关联", l)
		}
	}
	if len(task) != 1 || !strings.Contains(task[0], "\t未提交（协调员已关联 2 份佐证材料，不算部门提交）\t") {
		t.Errorf("市教育局's task of 2.3.1: %q, want 未提交（协调员已关联 2 份佐证材料，不算部门提交）\n%s", task, out)
	}
	if len(named) != 2 || !strings.Contains(strings.Join(named, "\n"), "学分银行建设方案") || !strings.Contains(strings.Join(named, "\n"), "学分银行管理办法") {
		t.Errorf("the documents named below 2.3.1's task: %q, want the 2 linked\n%s", named, out)
	}
	// --json gives them as the API does, in linked_by_coordinator.
	out, err = runCLI(t, "assignments", "list", "--data", data, "--city", "330100", "--round", "2018", "--json")
	if err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	var listed struct {
		Assignments []map[string]any `json:"assignments"`
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	for _, a := range listed.Assignments {
		if _, ok := a["Linked"]; ok {
			t.Errorf("list --json gives the Go field Linked: %v", a)
		}
		if _, ok := a["Indicator"]; ok {
			t.Errorf("list --json gives the Go field Indicator, not the API's indicator: %v", a)
		}
		linked, _ := a["linked_by_coordinator"].(map[string]any)
		if a["indicator"] == "2.3.1" {
			docs, _ := linked["documents"].([]any)
			if linked == nil || linked["count"] != 2.0 || len(docs) != 2 || docs[0].(map[string]any)["title"] == "" {
				t.Errorf("list --json of 2.3.1's task: linked_by_coordinator %v, want 2 documents with their titles", a["linked_by_coordinator"])
			}
		} else if linked != nil {
			t.Errorf("list --json of %v's task says linked %v", a["indicator"], linked)
		}
	}
	out, err = runCLI(t, "assignments", "list", "--data", data, "--city", "330100", "--round", "2018", "--lang", "en")
	if err != nil || !strings.Contains(out, "\tOpen (the coordinator has linked 2 documents; not a hand-in by the department)\t") ||
		!strings.Contains(out, "    linked by the coordinator: ") {
		t.Errorf("list --lang en: %v\n%s", err, out)
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
	if err != nil || !strings.Contains(out, "用户 jiaoyu 的责任单位已改为：市人社局") {
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
