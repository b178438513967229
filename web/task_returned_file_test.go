package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReturnedFileIsMarkedOnTheTask: 市教育局 hands in 学分银行工作总结;
// the coordinator returns it (缺少文号.); the department hands in
// 学分银行管理办法 instead. 我的任务 and the board list both files, the
// first marked 已退回 with who (test, the admin) and the reason (as typed, in Chinese
// punctuation, a comma before 原因), the replacement not; asked to 撤回
// the returned file, the department reads that it was returned and that
// the return stays on record; in English, Returned by.
func TestReturnedFileIsMarkedOnTheTask(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the summary: %d %.800s", resp.StatusCode, page)
	}
	if _, err := s.env.Assignments.Return(ctx, testenv.Admin, task, "缺少文号."); err != nil {
		t.Fatal(err)
	}
	if resp, page := dept.handIn(task, "学分银行管理办法.txt", "杭州市学分银行管理办法，杭政办发〔2018〕12号。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the replacement: %d %.800s", resp.StatusCode, page)
	}
	mark := func(page, title string) string {
		t.Helper()
		text := strings.Join(strings.Fields(html.UnescapeString(textOf(page))), " ")
		m := regexp.MustCompile(regexp.QuoteMeta(title) + `[^·]*`).FindString(text)
		if m == "" {
			t.Fatalf("%s is not listed: %.1500s", title, text)
		}
		return m
	}
	_, mine := dept.get("/tasks")
	wang := s.login("wang")
	_, board := wang.get("/assignments?city=330100&round=2018")
	for name, page := range map[string]string{"我的任务": mine, "the board": board} {
		if got := mark(page, "学分银行工作总结"); !strings.Contains(got, "已退回：test") || !strings.Contains(got, "UTC+8，原因：缺少文号。") {
			t.Errorf("%s: the returned file reads %q, want 已退回：test … UTC+8，原因：缺少文号。 (a comma before 原因, as the README and the CLI write it)", name, got)
		}
		if got := mark(page, "学分银行管理办法"); strings.Contains(got, "已退回") {
			t.Errorf("%s: the replacement reads %q, marked returned", name, got)
		}
	}
	returned, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(returned.Documents) != 2 {
		t.Fatalf("the task with both files: %+v %v", returned, err)
	}
	_, page := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {returned.Documents[0]}})
	if text := textOf(page); !strings.Contains(text, "这份文件已被协调员退回") || !strings.Contains(text, "退回记录（退回人、时间、原因）仍然保留") {
		t.Errorf("asked to withdraw the returned file, the page does not say it was returned and the return stays:\n%.1500s", text)
	}
	dept.english()
	_, mine = dept.get("/tasks")
	if got := mark(mine, "学分银行工作总结"); !strings.Contains(got, "Returned by: test") || !strings.Contains(got, "UTC+8, reason: 缺少文号。") {
		t.Errorf("English 我的任务: the returned file reads %q, want Returned by: test … UTC+8, reason: 缺少文号。", got)
	}
}

// TestReturnedFileHeldOffersNoWithdraw: 市教育局 hands in 学分银行工作总结
// and 学分银行管理办法; the coordinator returns the task, then links the
// 管理办法 to the indicator himself. 我的任务 offers 撤回 beside the
// returned 工作总结 (nothing else holds it: withdrawn, it is deleted) but
// not beside the 管理办法, which the coordinator's link holds: it shows
// only its return. Posting a withdrawal of it anyway gets the refusal
// naming the return, never the question promising its deletion.
func TestReturnedFileHeldOffersNoWithdraw(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	for name, text := range map[string]string{"学分银行工作总结.txt": "杭州市教育局学分银行工作总结：建立学分银行。",
		"学分银行管理办法.txt": "杭州市学分银行管理办法，杭政办发〔2018〕12号。"} {
		if resp, page := dept.handIn(task, name, text); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
			t.Fatalf("handing in %s: %d %.800s", name, resp.StatusCode, page)
		}
	}
	if _, err := s.env.Assignments.Return(ctx, testenv.Admin, task, "缺少文号"); err != nil {
		t.Fatal(err)
	}
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("the task with both files: %+v %v", a, err)
	}
	titles := map[string]string{}
	docs, err := s.env.Catalog.DocumentsByID(ctx, a.Documents)
	if err != nil {
		t.Fatal(err)
	}
	var summary, rules string
	for id, d := range docs {
		titles[id] = d.Title
		if strings.Contains(d.Filename, "管理办法") {
			rules = id
		} else {
			summary = id
		}
	}
	if err := s.env.Catalog.CreateLinks(ctx, []*catalog.Link{{DocumentID: rules, IndicatorCode: a.Indicator, CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	withdrawForm := func(page, doc string) bool {
		return regexp.MustCompile(`action="/tasks/` + regexp.QuoteMeta(task) + `/withdraw"[^>]*><input[^>]*csrf_token[^>]*><input type="hidden" name="document_id" value="` +
			regexp.QuoteMeta(doc) + `"`).MatchString(page)
	}
	_, mine := dept.get("/tasks")
	if !withdrawForm(mine, summary) {
		t.Errorf("我的任务 offers no 撤回 beside the returned summary nothing holds:\n%.3000s", mine)
	}
	if withdrawForm(mine, rules) {
		t.Errorf("我的任务 offers 撤回 beside the returned rules the coordinator's link holds")
	}
	if text := textOf(mine); !strings.Contains(text, "已退回：test") {
		t.Errorf("我的任务 does not show the return: %.1500s", text)
	}
	_, page := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {rules}})
	if text := textOf(page); strings.Contains(text, "从档案中删除，退回记录") || !strings.Contains(text, "由 test 退回（原因：缺少文号）") {
		t.Errorf("asked to withdraw the held returned rules, the page does not refuse naming the return:\n%.1500s", text)
	}
}

// TestReturnedFileWithdrawnStaysListed: 市教育局 hands in
// 学分银行工作总结, the coordinator returns it (缺少文号), and the
// department withdraws it, which deletes it. 我的任务 and the board still
// list it by its title, with no link to its deleted page and no 撤回,
// marked 已退回 with the reason and 已撤回 with who and when; in English,
// withdrawn by.
func TestReturnedFileWithdrawnStaysListed(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the summary: %d %.800s", resp.StatusCode, page)
	}
	if _, err := s.env.Assignments.Return(ctx, testenv.Admin, task, "缺少文号"); err != nil {
		t.Fatal(err)
	}
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 1 {
		t.Fatalf("the task with the summary: %+v %v", a, err)
	}
	doc := a.Documents[0]
	if _, page := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {doc}, "confirm": {"1"}}); !strings.Contains(textOf(page), "已从档案中删除") {
		t.Fatalf("withdrawing the returned summary: %.1500s", textOf(page))
	}
	_, mine := dept.get("/tasks")
	_, board := s.login("wang").get("/assignments?city=330100&round=2018")
	for name, page := range map[string]string{"我的任务": mine, "the board": board} {
		text := strings.Join(strings.Fields(html.UnescapeString(textOf(page))), " ")
		got := regexp.MustCompile(`学分银行工作总结[^·]*`).FindString(text)
		if !strings.Contains(got, "已退回：test") || !strings.Contains(got, "原因：缺少文号；已撤回：jiaoyu ") || !strings.Contains(got, "UTC+8）") {
			t.Errorf("%s: the withdrawn returned file reads %q, want it listed 已退回 … 原因：缺少文号；已撤回：jiaoyu … UTC+8）:\n%.1500s", name, got, text)
		}
		if strings.Contains(page, `href="/documents/`+doc+`"`) || strings.Contains(page, `name="document_id" value="`+doc+`"`) {
			t.Errorf("%s links to the deleted file or offers to withdraw it again", name)
		}
	}
	dept.english()
	_, mine = dept.get("/tasks")
	text := strings.Join(strings.Fields(html.UnescapeString(textOf(mine))), " ")
	if got := regexp.MustCompile(`学分银行工作总结[^·]*`).FindString(text); !strings.Contains(got, "reason: 缺少文号; withdrawn by: jiaoyu ") {
		t.Errorf("English 我的任务: the withdrawn returned file reads %q, want … reason: 缺少文号; withdrawn by: jiaoyu …", got)
	}
}
