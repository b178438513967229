package web

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestNewRoundsTableAndMyTasks: when 2019 starts, the coordinator copies
// 2018's table on the board (从上一轮复制责任分解表), and the department's
// 我的任务 shows 2019's tasks, not 2018's overdue ones beside them, while
// 2018's stay one click away. Copying into a round with no table before
// it says so beside the button.
func TestNewRoundsTableAndMyTasks(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Label: "2019年度监测", Current: true}); err != nil {
		t.Fatal(err)
	}
	// Early in 2019: the shifted dates are ahead, so no new one is asked.
	s.env.Assignments.SetClock(func() time.Time { return time.Date(2019, 3, 1, 12, 0, 0, 0, time.UTC) })
	coord := s.login("wang")
	resp, board := coord.post("/assignments/copy", url.Values{"city": {"330100"}, "round": {"2018"}, "next": {"/assignments?round=2018"}})
	if resp.StatusCode != 400 || !strings.Contains(board, "2018年度之前本市没有责任分解表可复制") {
		t.Errorf("copying into 2018, the first round with a table: %d\n%.1500s", resp.StatusCode, board)
	}
	resp, board = coord.post("/assignments/copy", url.Values{"city": {"330100"}, "round": {"2019"}, "next": {"/assignments?round=2019"}})
	if resp.StatusCode != 200 || !strings.Contains(board, "已从 2018年度复制责任分解表：新增 2 项任务，本轮已有 0 项未改动") {
		t.Fatalf("copying 2018's table into 2019: %d\n%.3000s", resp.StatusCode, board)
	}
	for _, want := range []string{"2019-03-31", "2019-04-15", "李科长"} {
		if !strings.Contains(board, want) {
			t.Errorf("2019's board after the copy does not show %q", want)
		}
	}

	dept := s.login("jiaoyu")
	_, page := dept.get("/tasks")
	if !strings.Contains(page, "2019-03-31") || strings.Contains(page, "2018-03-31") {
		t.Errorf("我的任务 in 2019 should show the 2019 task only (due 2019-03-31), not 2018's:\n%.3000s", page)
	}
	if !strings.Contains(page, `href="/tasks?round=2018"`) || !strings.Contains(page, "2018年度（1 项任务，未交 1 项）") {
		t.Errorf("我的任务 does not offer 2018's tasks:\n%.3000s", page)
	}
	_, page = dept.get("/tasks?round=2018")
	if !strings.Contains(page, "2018-03-31") || strings.Contains(page, "2019-03-31") {
		t.Errorf("我的任务 of 2018 should show 2018's task only")
	}
}

// TestNewRoundOnAdminCopiesTables: an admin creating 2019 with the box
// 为各城市复制上一轮的责任分解表 ticked gives 杭州, which had a 2018
// table, its 2019 tasks, and says how many; cities without a table are
// left as they are.
func TestNewRoundOnAdminCopiesTables(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")}); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	resp, page := admin.post("/admin/rounds", url.Values{"year": {"2019"}, "label": {"2019年度监测"}, "copy_tables": {"on"}})
	if resp.StatusCode != 200 || !strings.Contains(page, "已为 1 个城市复制责任分解表，共 2 项任务") {
		t.Fatalf("creating 2019 with the tables copied: %d %.1500s", resp.StatusCode, textOf(page))
	}
	tasks, err := s.env.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: "330100", Round: 2019})
	if err != nil || len(tasks) != 2 {
		t.Errorf("杭州's 2019 tasks: %d %v, want 2 (one copied, one there before)", len(tasks), err)
	}
}

// TestNewRoundOnAdminSaysWhatEachCityGot: creating 2019 with the tables
// copied says per city how many tasks were added, and a city whose copy
// fails (成都, its tasks unwritable) is named with what to do, while 杭州's
// copy, done before it, is still reported and kept.
func TestNewRoundOnAdminSaysWhatEachCityGot(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for _, city := range []string{"330100", "510100"} {
		if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: city, Round: 2018, Filename: "表.csv",
			Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")}); err != nil {
			t.Fatal(err)
		}
	}
	if s.env.DBPath == "" {
		t.Skip("the fault is injected with a SQLite trigger; this catalog is PostgreSQL")
	}
	db, err := sql.Open("sqlite", "file:"+s.env.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER no_chengdu BEFORE INSERT ON assignment WHEN NEW.city = '510100'
		BEGIN SELECT RAISE(ABORT, '磁盘已满'); END`); err != nil {
		t.Fatal(err)
	}
	// 杭州's 2.3.1 task is in 2019 already, and its 2018 table has a task
	// of 2.3 (a group, not a key indicator): one left as it was, one not
	// copied, each said with full-width punctuation.
	for _, q := range []string{
		`INSERT INTO assignment (id, city, round, indicator_code, department_id, due, contact, status, created_by, created_at, updated_at)
			SELECT id || '-2019', city, 2019, indicator_code, department_id, due, contact, status, created_by, created_at, updated_at
			FROM assignment WHERE city = '330100' AND round = 2018 AND indicator_code = '2.3.1'`,
		`INSERT INTO assignment (id, city, round, indicator_code, department_id, due, contact, status, created_by, created_at, updated_at)
			SELECT id || '-group', city, round, '2.3', department_id, due, contact, status, created_by, created_at, updated_at
			FROM assignment WHERE city = '330100' AND round = 2018 AND indicator_code = '2.3.1'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	admin := s.login("admin")
	resp, page := admin.post("/admin/rounds", url.Values{"year": {"2019"}, "label": {"2019年度监测"}, "copy_tables": {"on"}})
	text := textOf(page)
	if resp.StatusCode != 200 || !strings.Contains(text, "已为 1 个城市复制责任分解表，共 1 项任务（杭州新增 1 项，本轮已有 1 项未改动，1 项未复制（不是当前指标体系的关键指标）；成都复制失败：") ||
		!strings.Contains(text, "请在该市的责任分解页重新复制）") {
		t.Fatalf("creating 2019 with 成都's copy failing: %d %.1500s", resp.StatusCode, text)
	}
	if tasks, err := s.env.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: "330100", Round: 2019}); err != nil || len(tasks) != 2 {
		t.Errorf("杭州's 2019 tasks: %d %v, want 2 (one copied, one there before)", len(tasks), err)
	}
}

// TestCopyFormAsksForANewDueDate: 2018's table copied into 2019 on 10
// April 2019 would leave 2.3.1 due 2019-03-31, 逾期 from the start. The
// copy form has a field for the round's new due date; sent empty, the
// board comes back with the refusal beside that field and nothing
// copied; sent with 2019-05-31, 2.3.1 is due then, 1.3.2 keeps
// 2019-04-15, none is overdue, and the message says which were moved.
func TestCopyFormAsksForANewDueDate(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n")}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Label: "2019年度监测", Current: true}); err != nil {
		t.Fatal(err)
	}
	s.env.Assignments.SetClock(func() time.Time { return time.Date(2019, 4, 10, 12, 0, 0, 0, time.UTC) })
	coord := s.login("wang")
	if _, board := coord.get("/assignments?round=2019"); !strings.Contains(board, `<input id="copy-due" name="due" type="date"`) ||
		!strings.Contains(textOf(board), "本轮新的截止日期") {
		t.Errorf("the copy form has no field for the new due date:\n%.3000s", textOf(board))
	}
	resp, board := coord.post("/assignments/copy", url.Values{"city": {"330100"}, "round": {"2019"}, "next": {"/assignments?round=2019"}})
	if field := between(t, board, "copy-due-err", "</span>"); resp.StatusCode != 400 ||
		!strings.Contains(field, "复制过来的任务截止日期顺延后为 2019-03-31 等，已早于今天，复制后会显示为逾期；请填写本轮任务新的截止日期") {
		t.Errorf("copying with no new date where one is past: %d, beside the field %q", resp.StatusCode, field)
	}
	if tasks, err := s.env.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: "330100", Round: 2019}); err != nil || len(tasks) != 0 {
		t.Fatalf("2019 has %d tasks after the refusal (%v), want none", len(tasks), err)
	}
	resp, board = coord.post("/assignments/copy", url.Values{"city": {"330100"}, "round": {"2019"}, "due": {"2019-05-31"},
		"next": {"/assignments?round=2019"}})
	if resp.StatusCode != 200 || !strings.Contains(board, "新增 2 项任务，本轮已有 0 项未改动；其中 1 项顺延后已过期，截止日期改为 2019-05-31") {
		t.Errorf("copying with a new date: %d\n%.2000s", resp.StatusCode, textOf(board))
	}
	tasks, err := s.env.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: "330100", Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.1": "2019-05-31", "1.3.2": "2019-04-15"}
	for _, task := range tasks {
		if task.Due != want[task.Indicator] || task.Overdue {
			t.Errorf("2019 task %s: due %s, overdue %v; want %s, not overdue", task.Indicator, task.Due, task.Overdue, want[task.Indicator])
		}
	}
}
