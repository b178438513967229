package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHandInNoticeInViewOnAPhone: on a phone, 市教育局 has eleven tasks
// and hands in against the last, far down 我的任务. What 我的任务 says
// of that hand-in — the stored file a file sent again is, a file refused —
// is shown where the task is, not at the top of a page the phone shows
// from its top.
func TestHandInNoticeInViewOnAPhone(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	table := "指标编码,责任单位,截止日期,联系人\n"
	for _, code := range []string{"1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.3.1", "1.3.2", "1.3.3", "2.1.1", "2.1.2"} {
		table += code + ",市教育局,2099-03-31,张老师 0571-85251234\n"
	}
	s.withDepartment(pw, table)
	dir := t.TempDir()
	file := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	summary := file("社区教育工作总结.txt", []byte("杭州市教育局2018年社区教育工作总结：社区学校覆盖全部街道。"))
	program := file("安装程序.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"))
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("a phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	u.login(s.base, "jiaoyu", pw)
	u.do("我的任务", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
	if n := eval[int](u, `document.querySelectorAll('article.task').length`); n != 11 {
		t.Fatalf("我的任务 shows %d tasks, want 11", n)
	}
	task := "#" + eval[string](u, `Array.from(document.querySelectorAll('article.task')).pop().id`)
	handIn := func(step, path string) {
		u.do(step, chromedp.SetUploadFiles(css(task+` input[type=file]`), []string{path}),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('`+task+` form:has(input[type=file]) button[type=submit]').click()`))
	}
	// inView fails unless sel, once the page is loaded, is on the screen.
	inView := func(what, sel string) {
		t.Helper()
		u.waitFor(what, `document.readyState === 'complete' && document.querySelector('`+sel+`') !== null`)
		where := eval[string](u, `(function () {
			var r = document.querySelector('`+sel+`').getBoundingClientRect(), h = document.documentElement.clientHeight;
			return r.top >= 0 && r.bottom <= h ? '' : 'from ' + Math.round(r.top) + ' to ' + Math.round(r.bottom) + ' px, the screen showing 0 to ' + h + ' px (scrolled ' + Math.round(scrollY) + ' px)';
		})()`)
		if where != "" {
			t.Errorf("%s is off the screen: %s", what, where)
		}
	}

	handIn("hand in against the last task", summary)
	u.waitFor("the hand-in listed", `document.querySelectorAll('`+task+` .docstatus').length === 1`)
	handIn("hand in the same file again", summary)
	inView("the stored file it is", task+` .flash.handed .duplicates li`)
	if got := u.text(task + ` .flash.handed`); !strings.Contains(got, "社区教育工作总结.txt") {
		t.Errorf("the notice reads %q, want the stored file named", got)
	}
	handIn("hand in a program", program)
	inView("the program refused", task+` form :is(.error, .field-error)`)
	if got := u.text(task + ` form :is(.error, .field-error)`); !strings.Contains(got, "安装程序.exe") && !strings.Contains(got, "不支持") {
		t.Errorf("the refusal reads %q", got)
	}
}

// TestEachTaskShowsItsOwnHandInInABrowser: 市教育局 hands in one file for
// task 1.1.1 as 学分银行实施方案.txt, then the same bytes renamed
// 终身学习账户说明.txt for task 1.1.2. The archive keeps one document, and
// 我的任务 and the coordinator's board show each task its own hand-in, under
// the name it was sent as (1.1.2 showed the first task's name).
func TestEachTaskShowsItsOwnHandInInABrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2099-03-31,张老师\n1.1.2,市教育局,2099-04-30,张老师\n")
	dir := t.TempDir()
	body := []byte("杭州市学分银行建设实施方案：建立市民终身学习账户，推进学习成果认证。")
	names := map[string]string{"1.1.1": "学分银行实施方案.txt", "1.1.2": "终身学习账户说明.txt"}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	// task is the selector of the task of an indicator on the page shown.
	task := func(code string) string {
		t.Helper()
		id := eval[string](u, `(Array.from(document.querySelectorAll('article.task, #tasks tr[id^="task-"]')).find(e =>
			e.querySelector('h2, td') && e.textContent.includes('`+code+`')) || {id: ''}).id`)
		if id == "" {
			t.Fatalf("no task of %s on the page", code)
		}
		return "#" + id
	}
	u.login(s.base, "jiaoyu", pw)
	for _, code := range []string{"1.1.1", "1.1.2"} {
		path := filepath.Join(dir, names[code])
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		u.do("我的任务", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
		sel := task(code)
		u.do("hand in "+names[code]+" for "+code, chromedp.SetUploadFiles(css(sel+` input[type=file]`), []string{path}),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('`+sel+` form button[type=submit]').click()`))
		u.waitFor("the hand-in for "+code+" listed", `document.readyState === 'complete' && document.querySelector('`+sel+` .submitters') !== null`)
	}
	check := func(page string) {
		t.Helper()
		for code, name := range names {
			other := names[map[string]string{"1.1.1": "1.1.2", "1.1.2": "1.1.1"}[code]]
			got := u.text(task(code) + ` .submitters`)
			if !strings.Contains(got, "市教育局 jiaoyu “"+name+"”") || strings.Contains(got, other) {
				t.Errorf("%s shows task %s handed in as %q, want %s alone", page, code, got, name)
			}
		}
	}
	u.do("我的任务 after both", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task .submitters`)))
	check("我的任务")
	u.logout()
	u.login(s.base, "wang", pw)
	u.do("the board", chromedp.Navigate(s.base+"/assignments?city=330100"), chromedp.WaitVisible(css(`#tasks .submitters`)))
	check("the board")
}
