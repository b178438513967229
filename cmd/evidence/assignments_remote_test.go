package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAssignmentsListThroughARunningServer: 杭州's coordinator, at their
// own PC, lists the city's tasks through the API (--server, --token): the
// same lines as `assignments list` on the data folder — 市人社局's 1.3.2
// with the file wang returned (who, when, why) below it, 市教育局's 2.3.1
// covered by the two documents the coordinator linked — and with --json
// the same JSON, the API's shape (returned: document_id, by, at, reason;
// no Go field names), from both. A busy server is asked again.
func TestAssignmentsListThroughARunningServer(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	addUser(t, data, "--name", "renshe", "--role", "contributor", "--city", "330100", "--department", "市人社局")
	coord := addUser(t, data, "--name", "wang", "--role", "coordinator", "--city", "330100")
	dir := t.TempDir()
	table := filepath.Join(dir, "责任分解表.csv")
	linked, handed := filepath.Join(dir, "关联"), filepath.Join(dir, "提交")
	os.Mkdir(linked, 0o755)
	os.Mkdir(handed, 0o755)
	for path, text := range map[string]string{
		table: "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2099-04-15,李科长\n",
		filepath.Join(linked, "学分银行建设方案.txt"):   "杭州市学分银行建设方案，推进学分认定与转换。",
		filepath.Join(linked, "学分银行管理办法.txt"):   "杭州市学分银行管理办法，规范学习成果认证。",
		filepath.Join(handed, "职工继续教育工作总结.txt"): "杭州市人社局职工继续教育工作总结：开展职工技能培训。",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"},
		{"ingest", linked, "--data", data, "--city", "330100", "--type", "policy", "--round", "2018", "--indicator", "2.3.1"},
		{"ingest", handed, "--data", data, "--city", "330100", "--type", "work_summary", "--round", "2018"},
	} {
		if out, err := runCLI(t, args...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	found, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "330100", DocType: catalog.DocType("work_summary")})
	tasks, err2 := cat.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100", Indicator: "1.3.2"})
	if err != nil || err2 != nil || len(found) != 1 || len(tasks) != 1 {
		t.Fatalf("the summary %v (%v) and 1.3.2's task %v (%v)", found, err, tasks, err2)
	}
	doc := found[0].ID
	if err := cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: tasks[0].ID, From: catalog.AssignmentStatuses,
		To: catalog.AssignmentSubmitted, Documents: []string{doc}, By: "renshe"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ReturnAssignment(ctx, tasks[0].ID, "缺少文号.", "wang"); err != nil {
		t.Fatal(err)
	}
	cat.Close()

	local := func(more ...string) string {
		out, err := runCLI(t, append([]string{"assignments", "list", "--data", data, "--city", "330100", "--round", "2018"}, more...)...)
		if err != nil {
			t.Fatalf("assignments list %v on the data folder: %v\n%s", more, err, out)
		}
		return out
	}
	wantText, wantJSON := local(), local("--json")
	s := startServer(t, data)
	remote := func(more ...string) string {
		var out, errOut bytes.Buffer
		err := run(t.Context(), append([]string{"assignments", "list", "--server", s.base, "--token", coord, "--round", "2018"}, more...), &out, &errOut)
		if err != nil || errOut.Len() > 0 {
			t.Fatalf("assignments list --server %v: %v\nstdout: %s\nstderr: %s", more, err, out.String(), errOut.String())
		}
		return out.String()
	}

	got := remote()
	if got != wantText {
		t.Errorf("assignments list --server says\n%s\nthe data folder's list says\n%s", got, wantText)
	}
	for _, want := range []string{"    已退回：" + found[0].Title + " “职工继续教育工作总结.txt”（" + doc + "）  wang ", "，原因：缺少文号。", "\t未提交（协调员已关联 2 份佐证材料，不算部门提交）\t",
		"    协调员已关联：", "共 2 项任务"} {
		if !strings.Contains(got, want) {
			t.Errorf("assignments list --server does not say %q:\n%s", want, got)
		}
	}

	if want := `"title":"` + found[0].Title + `","filename":"职工继续教育工作总结.txt"`; !strings.Contains(wantJSON, want) {
		t.Errorf("assignments list --json does not name the returned file (%s):\n%s", want, wantJSON)
	}
	var fromServer, fromFolder map[string]any
	if err := json.Unmarshal([]byte(remote("--json")), &fromServer); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(wantJSON), &fromFolder); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromServer, fromFolder) {
		t.Errorf("assignments list --json through the server:\n%v\non the data folder:\n%v", fromServer, fromFolder)
	}
	list, _ := fromFolder["assignments"].([]any)
	var returned []any
	for _, a := range list {
		a := a.(map[string]any)
		if _, ok := a["Indicator"]; ok {
			t.Errorf("assignments list --json gives Go's field names: %v", a)
		}
		if a["indicator"] == "1.3.2" {
			returned, _ = a["returned"].([]any)
		}
	}
	if len(returned) != 1 {
		t.Fatalf("1.3.2's returned files in --json: %v, want 1", returned)
	}
	r := returned[0].(map[string]any)
	if r["document_id"] != doc || r["by"] != "wang" || r["reason"] != "缺少文号." || r["at"] == nil {
		t.Errorf("the returned file in --json: %v, want document_id %s, by wang, at, reason 缺少文号.", r, doc)
	}

	// A server busy at first (503, Retry-After: 1) is asked again, as
	// the import asks, saying so on stderr.
	p := newBusyProxy(t, s.base, func(r *http.Request, before int) (int, string, string) {
		if r.URL.Path == "/api/v1/assignments" && before == 0 {
			return http.StatusServiceUnavailable, "1", catalogBusy
		}
		return 0, "", ""
	})
	var out, errOut bytes.Buffer
	err = run(t.Context(), []string{"assignments", "list", "--server", p.URL, "--token", coord, "--round", "2018"}, &out, &errOut)
	if err != nil || out.String() != wantText || !strings.Contains(errOut.String(), "服务器暂时无法处理请求，等候 1 秒后重试（服务器应答："+catalogBusy+"）") {
		t.Errorf("assignments list --server through a busy server: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}

}
