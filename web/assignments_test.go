package web

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// handIn posts the task form of 我的任务 with one file and returns the page
// it leads to.
func (b *browser) handIn(taskID, filename, text string) (*http.Response, string) {
	b.s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", b.csrf)
	mw.WriteField("doc_type", "work_summary")
	mw.WriteField("next", "/tasks")
	w, _ := mw.CreateFormFile("file", filename)
	w.Write([]byte(text))
	mw.Close()
	resp, err := b.c.Post(b.s.srv.URL+"/tasks/"+taskID+"/upload", mw.FormDataContentType(), &buf)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var taskIDs = regexp.MustCompile(`id="task-([0-9A-Z]+)"`)

// departmentWithATask gives 市教育局 of 杭州 a contributor, jiaoyu, and
// one task of 2018 (2.3.1, due 2099-03-31), and returns jiaoyu logged in
// and the task's ID as 我的任务 shows it.
func departmentWithATask(t *testing.T, s *site) (*browser, string) {
	t.Helper()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	if _, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n")}); err != nil {
		t.Fatal(err)
	}
	dept := s.login("jiaoyu")
	_, page := dept.get("/tasks")
	ids := taskIDs.FindStringSubmatch(page)
	if ids == nil {
		t.Fatalf("no task on 我的任务:\n%.2000s", page)
	}
	return dept, ids[1]
}

// A department's 我的任务 and the city's board, through the pages: the
// coordinator imports, the department sees what is wanted and hands in,
// the board shows it, the coordinator returns it and the department sees
// why.
func TestMyTasksAndTheCityBoard(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	ctx := context.Background()
	_, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2099-12-31,李科长\n")})
	if err != nil {
		t.Fatal(err)
	}
	dept := s.login("jiaoyu")
	_, page := dept.get("/tasks")
	for _, want := range []string{"我的任务", "2.3.1", "建立学分银行或学分积累", "制度文件、试点方案、典型案例", "2018-03-31", "未提交", "逾期"} {
		if !strings.Contains(page, want) {
			t.Errorf("我的任务 does not show %q", want)
		}
	}
	if strings.Contains(page, "1.3.2") {
		t.Errorf("市教育局's tasks show 市人社局's 1.3.2")
	}
	ids := taskIDs.FindStringSubmatch(page)
	if ids == nil {
		t.Fatalf("no task on 我的任务:\n%.2000s", page)
	}
	resp, page := dept.handIn(ids[1], "杭州市学分银行建设工作总结.txt", "杭州市学分银行建设工作总结")
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/tasks" || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in: %d at %s:\n%.1500s", resp.StatusCode, resp.Request.URL, page)
	}
	if !strings.Contains(page, "学分银行建设工作总结</a>") || !strings.Contains(page, "已提交") {
		t.Errorf("我的任务 after handing in does not show the document and 已提交")
	}

	coord := s.login("wang")
	_, board := coord.get("/assignments")
	for _, want := range []string{"各责任单位进度", "市教育局", "市人社局", "李科长", "已提交", "学分银行建设工作总结"} {
		if !strings.Contains(board, want) {
			t.Errorf("the board does not show %q", want)
		}
	}
	resp, board = coord.post("/assignments/"+ids[1]+"/return", url.Values{"reason": {"缺少正式文件的文号.请补充(盖章版)."}, "next": {"/assignments"}})
	if resp.StatusCode != 200 || !strings.Contains(board, "已退回") {
		t.Fatalf("returning: %d %.500s", resp.StatusCode, board)
	}
	_, page = dept.get("/tasks")
	// The reason typed with ASCII punctuation is shown in Chinese
	// punctuation, its full stops too (s25 probe #5).
	if !strings.Contains(page, "退回原因") || !strings.Contains(page, "缺少正式文件的文号\u3002请补充\uFF08盖章版\uFF09\u3002") || !strings.Contains(page, "逾期") {
		t.Errorf("我的任务 does not show the return's reason, in Chinese punctuation, and overdue")
	}
	if !strings.Contains(board, "缺少正式文件的文号\u3002请补充\uFF08盖章版\uFF09\u3002") {
		t.Errorf("the board does not show the return's reason in Chinese punctuation")
	}
	if resp, _ := dept.get("/assignments"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a department opening the board: %d, want 403", resp.StatusCode)
	}
}

// TestEnglishTaskPagesUseEnglishIndicatorNames: 我的任务, the city's board
// and the comparison name indicators by name_en on English pages.
func TestEnglishTaskPagesUseEnglishIndicatorNames(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	_, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	const en, zh = "Credit bank / credit accumulation and transfer", "建立学分银行或学分积累"
	dept, coord := s.login("jiaoyu"), s.login("wang")
	dept.english()
	coord.english()
	for _, tt := range []struct {
		b    *browser
		path string
	}{{dept, "/tasks"}, {coord, "/assignments?city=330100&round=2018"}, {coord, "/compare?city=330100&rounds=2017,2018"}} {
		_, body := tt.b.get(tt.path)
		if !strings.Contains(body, en) || strings.Contains(body, zh) {
			t.Errorf("English %s does not name 2.3.1 %q (or still shows %q):\n%.1500s", tt.path, en, zh, textOf(body))
		}
	}
}

// TestAssignmentFormsSayWhatIsWrongInThePagesLanguage: the board's forms
// sent with mistakes come back with each mistake beside its field (the
// add-a-task form), one line per bad row (the table) or beside the reason
// (returning a task), in Chinese on Chinese pages and in English on
// English ones.
func TestAssignmentFormsSayWhatIsWrongInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "总结.txt", "杭州市学分银行建设工作总结")
	handed, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.env.Assignments.Submitted(ctx, testenv.Admin, handed.ID, []string{doc.ID}); err != nil {
		t.Fatal(err)
	}
	accepted, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "1.3.2", Department: "市人社局", Due: "2099-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.env.Assignments.Submitted(ctx, testenv.Admin, accepted.ID, []string{doc.ID}); err != nil {
		t.Fatal(err)
	}
	acceptAnswering(t, s, accepted.ID)
	const board = "/assignments?city=330100&round=2018"
	table := "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n9.9.9,市人社局,2018-03-31,\n2.3.1,,2018-04-01,\n"
	for _, tt := range []struct {
		lang                    string
		ind, dept, due          string
		importErr, row3, row4   string
		reason, notSubmittedNow string
	}{
		{"zh", "指标编码为空", "责任单位为空", "截止日期为空",
			"责任分解表有 2 行有误\uFF0C未导入任何一行", "第 3 行\uFF1A指标编码“9.9.9”不在当前指标体系中", "第 4 行\uFF1A责任单位为空",
			"退回时请写明原因\uFF0C部门联系人会看到它", "任务当前为“已确认”\uFF0C只有“已提交”的任务可以退回或确认"},
		{"en", "The indicator code is empty", "The department is empty", "The due date is empty",
			"The responsibility table has 2 rows with mistakes; nothing was imported", "Row 3: The indicator code “9.9.9” is not in the current framework", "Row 4: The department is empty",
			"Give a reason for returning it; the department's contact will see it", "The task is accepted; only a submitted task can be returned or accepted"},
	} {
		wang := s.login("wang")
		if tt.lang == "en" {
			wang.english()
		}
		empty := url.Values{"city": {"330100"}, "round": {"2018"}, "indicator": {""}, "department": {""}, "due": {""}, "next": {board}}
		resp, body := wang.post("/assignments", empty)
		for id, want := range map[string]string{"a-ind-err": tt.ind, "a-dept-err": tt.dept, "a-due-err": tt.due} {
			beside(t, tt.lang+" empty task form", resp, body, 400, id, want)
		}
		r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": board},
			map[string][]byte{"责任分解表.csv": []byte(table)})
		beside(t, tt.lang+" table with bad rows", r.resp, r.body, 400, "import-error", tt.importErr)
		rowsInOrder(t, tt.lang+" table with bad rows", html.UnescapeString(r.body), "import-lines", tt.row3, tt.row4)
		resp, body = wang.post("/assignments/"+handed.ID+"/return", url.Values{"reason": {" "}, "next": {board}})
		beside(t, tt.lang+" return without a reason", resp, body, 400, "return-reason-err", tt.reason)
		resp, body = wang.post("/assignments/"+accepted.ID+"/return", url.Values{"reason": {"缺少文号"}, "next": {board}})
		beside(t, tt.lang+" return of an accepted task", resp, body, 409, "return-error", tt.notSubmittedNow)
	}
}
