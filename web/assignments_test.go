package web

import (
	"bytes"
	"context"
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
	for _, want := range []string{"各部门进度", "市教育局", "市人社局", "李科长", "已提交", "学分银行建设工作总结"} {
		if !strings.Contains(board, want) {
			t.Errorf("the board does not show %q", want)
		}
	}
	resp, board = coord.post("/assignments/"+ids[1]+"/return", url.Values{"reason": {"缺少正式文件的文号"}, "next": {"/assignments"}})
	if resp.StatusCode != 200 || !strings.Contains(board, "已退回") {
		t.Fatalf("returning: %d %.500s", resp.StatusCode, board)
	}
	_, page = dept.get("/tasks")
	if !strings.Contains(page, "退回原因") || !strings.Contains(page, "缺少正式文件的文号") || !strings.Contains(page, "逾期") {
		t.Errorf("我的任务 does not show the return's reason and overdue")
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
