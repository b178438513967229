package main

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// brokenScan is a PDF whose body was cut off: a PDF by its first bytes
// that no reader gets text out of, so its reading fails.
const brokenScan = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1"

// acceptTask accepts the task id as the server's admin through the API,
// answering 确认's question with its confirm_token when it asks one.
func acceptTask(t *testing.T, s *server, id string) {
	t.Helper()
	post := func(confirm string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", s.base+"/api/v1/assignments/"+id+"/accept?confirm="+url.QueryEscape(confirm), nil)
		return s.do(req)
	}
	status, body := post("")
	if status == http.StatusConflict {
		e, _ := body["error"].(map[string]any)
		token, _ := e["confirm_token"].(string)
		if token == "" {
			t.Fatalf("accepting the task: 409 without a question to answer: %v", body)
		}
		status, body = post(token)
	}
	if status != http.StatusOK {
		t.Fatalf("accepting the task: %d %v", status, body)
	}
}

// TestAFileFailingInAnAcceptedTaskSaysTheSameLiveAndReloaded: 市教育局
// hands in its 学分银行 rules as text, which is read, and then a scan of
// them while other readings hold the readers, so 我的任务 follows it
// waiting; the coordinator accepts the task meanwhile (确认 asks about the
// scan still being read, and is answered yes; a task with no file read yet
// could not be accepted), and then the scan turns out unreadable. The line beside
// it says, without a reload, what a reload says: 处理失败：任务已确认，这份
// 文件未能读取，不计入佐证材料…, not the reason with the advice to upload
// again that the accepted task has no form for (review s46 #10).
func TestAFileFailingInAnAcceptedTaskSaysTheSameLiveAndReloaded(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s, sandbox := startServerWithSandbox(t)
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2099-03-31,张老师 0571-85251234\n")
	scan := filepath.Join(t.TempDir(), "学分银行制度扫描件.pdf")
	if err := os.WriteFile(scan, []byte(brokenScan), 0o644); err != nil {
		t.Fatal(err)
	}
	rules := textFiles(t, t.TempDir(), "学分银行管理办法", 1)[0]

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	handIn := `document.querySelector('article.task form:has(input[type=file]) button[type=submit]').click()`
	u.login(s.base, "jiaoyu", pw)
	u.do("我的任务", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
	u.do("hand in the rules as text", chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{rules}),
		chromedp.Evaluate[chromedp.Void](handIn))
	u.waitFor("the text read", `document.readyState === 'complete' &&
		Array.from(document.querySelectorAll('article.task .docstatus')).some(function (e) { return e.dataset.status === 'indexed'; })`)
	release := holdReadersBudget(t, sandbox)
	u.do("我的任务 with the text read", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
	u.do("hand in the scan", chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{scan}),
		chromedp.Evaluate[chromedp.Void](handIn))
	u.waitFor("the scan listed, waiting to be read and followed",
		`document.readyState === 'complete' && document.querySelector('article.task .docstatus[data-follow]') !== null`)
	acceptTask(t, s, strings.TrimPrefix(u.attr(`article.task`, "id"), "task-"))
	eval[bool](u, `window.sameView = true`)
	release()

	failed := `article.task .docstatus[data-status="failed"]`
	u.waitFor("the scan's line says it failed", `document.querySelector('`+failed+`') !== null`)
	live := u.text(failed)
	if !eval[bool](u, `window.sameView === true`) {
		t.Fatal("the page was loaded again: the words must come without a reload")
	}
	u.do("我的任务 again", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(failed)))
	again := u.text(failed)
	if again != live {
		t.Errorf("the line shown live is %q, a reload shows %q: want the same words", live, again)
	}
	if !strings.Contains(again, "任务已确认，这份文件未能读取，不计入佐证材料") {
		t.Errorf("the reloaded line %q does not say the accepted task's file does not count", again)
	}
}
