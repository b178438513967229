package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCollectionRoundInARealBrowser walks a collection round (责任分解)
// as its users would: the coordinator imports a responsibility table, the
// department hands in against its task, the coordinator returns it with a
// reason, the department reads the reason and hands in again, the
// coordinator accepts, and the board follows every step.
func TestCollectionRoundInARealBrowser(t *testing.T) {
	start := time.Now()
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.addAccounts(pw, [][]string{
		{"wang", "coordinator", "--city", "330100"},
		{"jiaoyu", "contributor", "--city", "330100", "--department", "市教育局"},
	})
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	table := file("责任分解表.csv", "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师 0571-85251234\n")
	first := file("学分银行工作总结.txt", "杭州市教育局2018年学分银行工作总结:建立学分银行,推进学习成果认证。")
	second := file("学分银行工作总结(正式文件).txt", "杭政办发〔2018〕12号 杭州市学分银行管理办法(正式文件)。")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	board := s.base + "/assignments?city=330100"
	const row = `#tasks tr[id^="task-"]`
	status := func() string {
		return eval[string](u, `(document.querySelector('`+row+` .badge')||{className:''}).className`)
	}
	// progress is the board's line of 市教育局: total, open, submitted,
	// returned, accepted.
	progress := func() string {
		return eval[string](u, `Array.from(document.querySelectorAll('#progress tbody tr td')).slice(1, 6).map(td => td.textContent.trim()).join(',')`)
	}

	// The coordinator imports the table on the board.
	u.login(s.base, "wang", pw)
	u.do("board", chromedp.Navigate(board), chromedp.WaitVisible(css(`form[action="/assignments/import"] input[name=file]`)),
		chromedp.SetUploadFiles(css(`form[action="/assignments/import"] input[name=file]`), []string{table}),
		chromedp.Click(css(`form[action="/assignments/import"] button[type=submit]`)))
	// The badge is near the row's end: waiting for it waits for the board
	// above it too.
	u.waitFor("the imported task on the board", `document.querySelector('`+row+` .badge') !== null`)
	if got := progress(); got != "1,1,0,0,0" || !strings.Contains(status(), "open") {
		t.Fatalf("after the import: progress %s, status %q; want 1,1,0,0,0 and open", got, status())
	}
	if href := u.attr(`#missing-xlsx`, "href"); !strings.Contains(href, "/assignments/missing.xlsx?city=330100") {
		t.Errorf("the missing-materials download links to %q", href)
	}
	u.focusShows("the board")
	u.logout()

	// The department sees its task with what is wanted and hands in.
	handIn := func(path string) {
		t.Helper()
		u.do("hand in "+filepath.Base(path), chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)),
			chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{path}),
			chromedp.Click(css(`article.task form:has(input[type=file]) button[type=submit]`)))
		u.waitFor("the task handed in", `document.querySelector('article.task .badge.submitted') !== null`)
		// Read before the coordinator accepts: 确认 asks first of a file still being read.
		u.waitFor("the files read", `document.querySelector('article.task .docstatus[data-status="stored"], article.task .docstatus[data-status="extracted"]') === null`)
	}
	u.login(s.base, "jiaoyu", pw)
	u.do("my tasks", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task`)))
	if got := u.text(`article.task h2`); !strings.Contains(got, "2.3.1") {
		t.Errorf("我的任务 shows %q, want indicator 2.3.1", got)
	}
	handIn(first)
	u.logout()

	// The coordinator returns it with a reason.
	const reason = "缺少文号,请补交正式文件"
	u.login(s.base, "wang", pw)
	u.do("return", chromedp.Navigate(board), chromedp.WaitVisible(css(row+` form[action$="/return"] input[name=reason]`)),
		chromedp.SendKeys(css(row+` form[action$="/return"] input[name=reason]`), reason),
		chromedp.Click(css(row+` form[action$="/return"] button`)))
	u.waitFor("the task returned", `document.querySelector('`+row+` .badge.returned') !== null`)
	if got := progress(); got != "1,0,0,1,0" {
		t.Errorf("after the return: progress %s, want 1,0,0,1,0", got)
	}
	if got := u.text(row + ` .submitters`); !strings.Contains(got, "市教育局") || !strings.Contains(got, "jiaoyu") {
		t.Errorf("the board shows the hand-in submitted by %q, want 市教育局 jiaoyu", got)
	}
	u.logout()

	// The department reads the reason and hands in again.
	u.login(s.base, "jiaoyu", pw)
	u.do("my tasks again", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task .badge.returned`)))
	// Typed with an ASCII comma, it reads in Chinese punctuation.
	if got, want := u.text(`article.task p.error`), "缺少文号\uFF0C请补交正式文件"; !strings.Contains(got, want) {
		t.Errorf("the department reads %q, want the reason %q", got, want)
	}
	handIn(second)
	u.logout()

	// The coordinator accepts; the board says so.
	u.login(s.base, "wang", pw)
	u.do("accept", chromedp.Navigate(board), chromedp.WaitVisible(css(row+` form[action$="/accept"] button`)),
		chromedp.Click(css(row+` form[action$="/accept"] button`)))
	u.waitFor("the task accepted", `document.querySelector('`+row+` .badge.accepted') !== null`)
	if got := progress(); got != "1,0,0,0,1" {
		t.Errorf("after the acceptance: progress %s, want 1,0,0,0,1", got)
	}
	if n := eval[int](u, `document.querySelectorAll('`+row+` td a[href^="/documents/"]').length`); n != 2 {
		t.Errorf("the accepted task lists %d documents handed in, want both (2)", n)
	}
	t.Logf("collection round walked in %s", time.Since(start).Round(time.Second))
}
