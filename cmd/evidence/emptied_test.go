package main

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestCheckNamesTasksLeftSubmittedAndRepairReopensThem: a task left
// 已提交 with no document handed in (its documents deleted before deletes
// sent tasks back) is named by check, which exits 1; repair reopens it to
// 未提交 with an audit entry, and check then passes.
func TestCheckNamesTasksLeftSubmittedAndRepairReopensThem(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	table := filepath.Join(t.TempDir(), "责任分解表.csv")
	if err := os.WriteFile(table, []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n1.3.2,市人社局,2018-04-15\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330200", "--round", "2018"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT id FROM assignment WHERE indicator_code = '2.3.1'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE assignment SET status = 'submitted' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "check", "--data", data)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(out, id) || !strings.Contains(out, "市教育局 指标 2.3.1\uFF08已提交\uFF09") ||
		!strings.Contains(out, "evidence repair") || strings.Contains(out, "校验通过") {
		t.Fatalf("check with a task submitted and empty: %v, want exit 1 naming task %s and evidence repair\n%s", err, id, out)
	}
	out, err = runCLI(t, "repair", "--data", data)
	if err != nil || !strings.Contains(out, "重新打开 1 个") || !strings.Contains(out, id) || !strings.Contains(out, "→ 未提交") {
		t.Fatalf("repair: %v, want task %s reopened to 未提交\n%s", err, id, out)
	}
	if out, err := runCLI(t, "check", "--data", data); err != nil || !strings.Contains(out, "校验通过") {
		t.Errorf("check after repair: %v\n%s", err, out)
	}
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	a, err := cat.Assignment(context.Background(), id)
	if err != nil || a.Status != catalog.AssignmentOpen {
		t.Errorf("task after repair: %+v %v, want open", a, err)
	}
	if ev, err := cat.Events(context.Background(), "assignment:"+id, 1); err != nil || len(ev) != 1 || ev[0].Action != "assignment.reopen" {
		t.Errorf("task's last event: %+v %v, want assignment.reopen", ev, err)
	}
}
