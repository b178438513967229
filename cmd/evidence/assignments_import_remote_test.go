package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// TestAssignmentsImportThroughARunningServer: 杭州's coordinator imports
// the responsibility table at their own PC through the API (--server,
// --token), and hears what an import on the data folder says: a table
// with two bad rows refused whole, each bad row named, no task made; the
// right table's counts and the departments new to the list; the same
// table again changing nothing; in English too. A busy server is asked
// again (probe s39 #2).
func TestAssignmentsImportThroughARunningServer(t *testing.T) {
	served, local := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "data")
	coord := addUser(t, served, "--name", "wang", "--role", "coordinator", "--city", "330100")
	addUser(t, local, "--name", "wang", "--role", "coordinator", "--city", "330100")
	dir := t.TempDir()
	bad, good := filepath.Join(dir, "有误的责任分解表.csv"), filepath.Join(dir, "责任分解表.csv")
	for path, text := range map[string]string{
		bad:  "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n2.3.9,市教育局,2018-13-01,\n1.3.2,,2018-04-15,李科长\n",
		good: "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := startServer(t, served)
	importOn := func(table string, more ...string) (remoteOut, localOut string, remoteErr, localErr error) {
		var out, errOut bytes.Buffer
		remoteErr = run(t.Context(), append([]string{"assignments", "import", table, "--server", s.base, "--token", coord,
			"--city", "330100", "--round", "2018"}, more...), &out, &errOut)
		if errOut.Len() > 0 {
			t.Errorf("assignments import --server %s wrote on stderr: %s", filepath.Base(table), errOut.String())
		}
		localOut, localErr = runCLI(t, append([]string{"assignments", "import", table, "--data", local, "--city", "330100", "--round", "2018"}, more...)...)
		return out.String(), localOut, remoteErr, localErr
	}

	_, _, remoteErr, localErr := importOn(bad)
	got, want := describeOrNothing(remoteErr, report.Chinese), describeOrNothing(localErr, report.Chinese)
	if remoteErr == nil || got != want {
		t.Errorf("a table with two bad rows through the server: %q\non the data folder: %q", got, want)
	}
	for _, row := range []string{"有 2 行有误，未导入任何一行", "第 3 行：", "2018-13-01", "第 4 行："} {
		if !strings.Contains(got, row) {
			t.Errorf("a table with two bad rows through the server: %q, want %q in it", got, row)
		}
	}
	if out, err := runCLI(t, "assignments", "list", "--server", s.base, "--token", coord, "--round", "2018"); err != nil || !strings.Contains(out, "共 0 项任务") {
		t.Errorf("tasks after a refused table: %v\n%s, want none", err, out)
	}

	for _, step := range []struct {
		name string
		lang []string
		want string
	}{
		{"first", nil, "已导入责任分解表：新增 2 项，更新 0 项，未变 0 项；新加入责任单位名单："},
		{"again", nil, "新增 0 项，更新 0 项，未变 2 项\n"},
		{"in English", []string{"--lang", "en"}, "0 tasks added, 0 updated, 2 unchanged"},
	} {
		remoteOut, localOut, remoteErr, localErr := importOn(good, step.lang...)
		if remoteErr != nil || localErr != nil {
			t.Fatalf("%s import: through the server %v, on the data folder %v", step.name, remoteErr, localErr)
		}
		if remoteOut != localOut || !strings.Contains(remoteOut, step.want) {
			t.Errorf("%s import through the server says %q, on the data folder %q; want %q", step.name, remoteOut, localOut, step.want)
		}
	}

	p := newBusyProxy(t, s.base, func(r *http.Request, before int) (int, string, string) {
		if r.URL.Path == "/api/v1/assignments/import" && before == 0 {
			return http.StatusServiceUnavailable, "1", catalogBusy
		}
		return 0, "", ""
	})
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"assignments", "import", good, "--server", p.URL, "--token", coord, "--city", "330100", "--round", "2018"}, &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "未变 2 项") || !strings.Contains(errOut.String(), "等候 1 秒后重试（服务器应答："+catalogBusy+"）") {
		t.Errorf("assignments import --server through a busy server: %v\nstdout: %s\nstderr: %s", err, out.String(), errOut.String())
	}
}
