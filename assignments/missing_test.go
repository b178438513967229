package assignments_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// handIn uploads text as u against assignment id and returns the
// document it became.
func handIn(t *testing.T, e *testenv.Env, u *catalog.User, id, filename, text string) *catalog.Document {
	t.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), filename)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), u, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
		Assignment: id, Files: []*ingest.Staged{st}})
	if err != nil {
		t.Fatalf("%s hands in for %s: %v", u.Username, id, err)
	}
	if out[0].Err != nil {
		t.Fatalf("%s hands in %s: %v", u.Username, filename, out[0].Err)
	}
	return out[0].Document
}

// missingTable gives 市教育局 two tasks and 市人社局 one, with contacts
// and a requirement a spreadsheet would take for formulas.
const missingTable = `指标编码,责任单位,截止日期,联系人,材料要求
2.3.1,市教育局,2018-03-31,=1+2 张老师,学分银行相关政策文件及实施情况
3.1.1,市教育局,2018-05-31,张老师 0571-85251234,
1.3.2,市人力资源和社会保障局,2018-04-15,@李科长,-盖章版培训经费台账
`

func TestMissingXLSXListsWhatIsOwedWithContacts(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	s.SetClock(func() time.Time { return time.Date(2018, 4, 10, 12, 0, 0, 0, time.UTC) })
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv", Data: []byte(missingTable)})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, a := range imp.Assignments {
		ids[a.Indicator] = a.ID
	}
	// 3.1.1 is handed in (not missing); 1.3.2 is handed in and returned
	// with a reason that starts like a formula (missing again), typed
	// with ASCII punctuation: the list writes it in Chinese punctuation,
	// as /tasks shows it (s25 probe #5).
	handIn(t, e, jiaoyu, ids["3.1.1"], "社区教育总结.txt", "杭州市社区教育工作总结,建成社区学校一百所。")
	handIn(t, e, renshe, ids["1.3.2"], "职业培训.txt", "杭州市职工职业技能培训情况。")
	if _, err := s.Return(ctx, coordA, ids["1.3.2"], "-缺少文号,请补交正式文件(盖章版)."); err != nil {
		t.Fatal(err)
	}
	// The coordinator links a policy to 2.3.1 for 2018 itself: no hand-in,
	// 2.3.1 stays owed, and the list says the material is in hand.
	policy := e.Upload(hangzhou, "学分银行实施意见.txt", "杭州市人民政府关于推进学分银行建设的实施意见。")
	if err := e.Ingest.AddLinkInRound(ctx, coordA, &catalog.Link{DocumentID: policy.ID, IndicatorCode: "2.3.1", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}

	for who, u := range map[string]*catalog.User{"an expert": expert, "a department": jiaoyu} {
		if _, err := s.Missing(ctx, u, hangzhou, 2018); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
			t.Errorf("%s asks for the missing list: %v, want EFORBIDDEN", who, err)
		}
	}
	if _, err := s.Missing(ctx, coordB, hangzhou, 2018); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("成都's coordinator asks for 杭州's missing list: %v, want ENOTFOUND", err)
	}
	tasks, err := s.Missing(ctx, coordA, "", 2018) // a coordinator's own city by default
	if err != nil {
		t.Fatal(err)
	}
	data, err := assignments.MissingXLSX(tasks, false)
	if err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the missing list does not open as XLSX: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"责任单位", "联系人", "指标编码", "关键指标", "材料要求", "截止日期", "状态", "退回原因", "监测轮次", "协调员已关联"}
	if len(rows) == 0 || strings.Join(rows[0], "|") != strings.Join(wantHeader, "|") {
		t.Fatalf("header %v, want %v", rows[0], wantHeader)
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header is not frozen: %+v %v", panes, err)
	}
	byIndicator := map[string][]string{}
	for _, r := range rows[1:] {
		byIndicator[r[2]] = r
	}
	if len(rows) != 3 || byIndicator["3.1.1"] != nil {
		t.Fatalf("rows %v: want 2.3.1 (open, covered) and 1.3.2 (returned), not 3.1.1 (handed in)", rows[1:])
	}
	open, returned := byIndicator["2.3.1"], byIndicator["1.3.2"]
	if open == nil || returned == nil {
		t.Fatalf("rows %v: want 2.3.1 and 1.3.2", rows[1:])
	}
	// Past its date but covered by the coordinator's link: owed, not
	// overdue (assignments.Task.Covered).
	if open[0] != "市教育局" || open[5] != "2018-03-31" || open[6] != "未提交" {
		t.Errorf("2.3.1 row %v: want 市教育局, due 2018-03-31, 未提交 without ⚠ 逾期 (the coordinator linked material)", open)
	}
	if len(open) < 10 || open[9] != "1 份佐证材料（不算部门提交）" {
		t.Errorf("2.3.1 row %v: want 协调员已关联 1 份佐证材料（不算部门提交）", open)
	}
	if len(returned) > 9 && returned[9] != "" {
		t.Errorf("1.3.2 row %v: nothing was linked to 1.3.2, yet 协调员已关联 says %q", returned, returned[9])
	}
	// What the city's table asks for is what to provide, as /tasks shows
	// it; the list used to give only the framework's wording.
	if open[4] != "学分银行相关政策文件及实施情况" {
		t.Errorf("2.3.1 row %v: 材料要求 %q, want the table's 学分银行相关政策文件及实施情况", open, open[4])
	}
	if returned[0] != "市人力资源和社会保障局" || !strings.Contains(returned[6], "已退回") {
		t.Errorf("1.3.2 row %v: want 市人力资源和社会保障局, 已退回", returned)
	}
	// Cells a spreadsheet would run as formulas are text with an apostrophe.
	for _, c := range []struct{ got, want string }{
		{open[1], "'=1+2 张老师"}, {returned[1], "'@李科长"}, {returned[4], "'-盖章版培训经费台账"}, {returned[7], "'-缺少文号\uFF0C请补交正式文件\uFF08盖章版\uFF09\u3002"},
	} {
		if c.got != c.want {
			t.Errorf("cell %q, want %q (neutralised)", c.got, c.want)
		}
	}
	for _, r := range rows {
		for _, cell := range r {
			if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "@") || strings.HasPrefix(cell, "+") {
				t.Errorf("cell %q starts like a formula", cell)
			}
		}
	}
}

// TestSameFileFromTwoDepartmentsIsOneDocument: 市教育局 and 市人社局 hand
// in the same file for their own tasks; it is one document, each task
// lists it, and each shows its own department's hand-in, not the other's.
func TestSameFileFromTwoDepartmentsIsOneDocument(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	a := imported(t, s)
	const text = "杭州市学习型城市建设联席会议纪要:教育局、人社局共同推进学分银行建设。"
	d1 := handIn(t, e, jiaoyu, a["2.3.1"].ID, "联席会议纪要.txt", text)
	d2 := handIn(t, e, renshe, a["1.3.2"].ID, "会议纪要(人社).txt", text)
	if d1.ID != d2.ID {
		t.Fatalf("the same bytes from two departments are documents %s and %s, want one", d1.ID, d2.ID)
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, task := range tasks {
		if task.Indicator != "2.3.1" && task.Indicator != "1.3.2" {
			continue
		}
		seen++
		if len(task.Documents) != 1 || task.Documents[0] != d1.ID || task.Status != catalog.AssignmentSubmitted {
			t.Errorf("task %s (%s): documents %v status %s, want [%s] submitted", task.Indicator, task.Department,
				task.Documents, task.Status, d1.ID)
		}
		var who []string
		for _, sub := range task.Submissions[d1.ID] {
			who = append(who, sub.Department+" "+sub.User)
		}
		want := map[string]string{"2.3.1": "市教育局 jiaoyu", "1.3.2": "杭州市人力资源和社会保障局 renshe"}[task.Indicator]
		if strings.Join(who, "、") != want {
			t.Errorf("task %s shows submissions %v, want %s only", task.Indicator, who, want)
		}
	}
	if seen != 2 {
		t.Errorf("saw %d of the two tasks", seen)
	}
}
