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
	"github.com/lcmonitor/evidence/report"
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

// TestEmptiedTasksNameStatusesAsAssignmentsListDoes: check and repair
// --lang en word a task's status as `assignments list --lang en` does
// (Submitted, not the code submitted), and in Chinese as the 任务 pages.
func TestEmptiedTasksNameStatusesAsAssignmentsListDoes(t *testing.T) {
	task := catalog.Assignment{ID: "A1", City: "330200", Round: 2018, Department: "市教育局", Indicator: "2.3.1",
		Status: catalog.AssignmentSubmitted}
	var en, zh strings.Builder
	printEmptied(&en, report.English, []catalog.Assignment{task})
	printReopened(&en, report.English, []catalog.ReopenedTask{{Assignment: task, To: catalog.AssignmentReturned}})
	if !strings.Contains(en.String(), "indicator 2.3.1 (Submitted)") || !strings.Contains(en.String(), "→ Returned") {
		t.Errorf("check and repair --lang en:\n%s\nwant (Submitted) and → Returned, as assignments list --lang en says", en.String())
	}
	printEmptied(&zh, report.Chinese, []catalog.Assignment{task})
	printReopened(&zh, report.Chinese, []catalog.ReopenedTask{{Assignment: task, To: catalog.AssignmentReturned}})
	if !strings.Contains(zh.String(), "指标 2.3.1\uFF08已提交\uFF09") || !strings.Contains(zh.String(), "→ 已退回") {
		t.Errorf("check and repair in Chinese:\n%s\nwant （已提交） and → 已退回", zh.String())
	}
}
