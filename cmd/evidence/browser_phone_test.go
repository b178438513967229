package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestContributorOnAPhone walks what a department's staff (责任单位) do
// from a phone: log in, open 我的任务, hand in phone photos of a notice,
// and watch them be read. At 375×812 and 390×844 (device scale 3), with
// touch, no page scrolls sideways and every control is a finger's
// size (40 px); the user name is not capitalised by the phone's keyboard;
// each document handed in says where it is — waiting, read by OCR,
// searchable — without the page being reloaded by hand, and a document's
// page shows its text once it is read.
func TestContributorOnAPhone(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	const pw = "学习型城市建设2018"
	jiaoyu := []string{"user", "add", "--data", data, "--name", "jiaoyu", "--role", "contributor", "--password", pw,
		"--city", "330100", "--department", "市教育局"}
	listDepartmentOf(t, data, jiaoyu)
	if _, err := runCLI(t, jiaoyu...); err != nil {
		t.Fatalf("add jiaoyu: %v", err)
	}
	if _, err := runCLI(t, "user", "add", "--data", data, "--name", "wang", "--role", "coordinator", "--password", pw,
		"--city", "330100"); err != nil {
		t.Fatalf("add wang: %v", err)
	}
	table := filepath.Join(dir, "责任分解表.csv")
	if err := os.WriteFile(table, []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师 0571-85251234\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import the responsibility table: %v\n%s", err, out)
	}
	var photos []string
	for _, name := range []string{"photo.jpg", "masthead.jpg"} {
		p, err := filepath.Abs(filepath.Join("..", "..", "ingest", "extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		photos = append(photos, p)
	}
	s := startServer(t, data)
	u := ui{t: t, ctx: newBrowser(t)}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	for _, phone := range []struct {
		w, h  int64
		scale float64
	}{{375, 812, 3}, {390, 844, 3}} {
		at := fmt.Sprintf(" at %d px", phone.w)
		u.do("a phone"+at, chromedp.EmulateViewport(phone.w, phone.h, chromedp.EmulateScale(phone.scale), chromedp.EmulateMobile, chromedp.EmulateTouch))
		u.do("the login page"+at, chromedp.Navigate(s.base+"/login"), chromedp.WaitVisible(css(`#username`)))
		if got := eval[string](u, `document.getElementById('username').autocapitalize`); got != "none" {
			t.Errorf("the user name field capitalises as %q, want none (a phone's keyboard types Jiaoyu for jiaoyu)", got)
		}
		u.fitsAPhone("the login page" + at)
		u.login(s.base, "jiaoyu", pw)
		u.do("我的任务"+at, chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
		u.fitsAPhone("我的任务" + at)
		if phone.w == 375 {
			u.handInPhotos(s.base, photos)
		} else {
			u.handInJoinedPhotos(s.base, photos)
		}
		u.logout()
	}
	u.editsKeptFromTheReload(s.base, pw)
}

// editsKeptFromTheReload opens a document's page as its coordinator, whose
// forms hold selects none of whose options is marked (the indicator to
// link): untouched, the page counts as not edited, so it is shown again
// with its text once read; an indicator chosen counts as an edit, which
// showing the page again would lose.
func (u ui) editsKeptFromTheReload(base, pw string) {
	u.t.Helper()
	u.login(base, "wang", pw)
	u.do("the documents", chromedp.Navigate(base+"/documents"), chromedp.WaitReady(chromedp.CSS(`main`)))
	doc := eval[string](u, `Array.from(document.querySelectorAll('a[href^="/documents/"]')).map(a => a.getAttribute('href')).find(h => /^\/documents\/[0-9A-Z]{26}$/.test(h)) || ''`)
	if doc == "" {
		u.t.Fatal("no document on the coordinator's list")
	}
	u.do("a document's page as its coordinator", chromedp.Navigate(base+doc), chromedp.WaitVisible(chromedp.CSS(`#link-indicator`)))
	if eval[bool](u, `document.querySelector('#link-indicator option[selected]') !== null`) {
		u.t.Fatal("the indicator to link has an option marked: the case is not the one tested")
	}
	if eval[bool](u, `window.evidencePageEdited()`) {
		u.t.Error("a coordinator's untouched document page counts as edited: it would never be shown again with its text")
	}
	u.do("choose an indicator", chromedp.Evaluate[chromedp.Void](`(s => { s.selectedIndex = s.options.length - 1; })(document.getElementById('link-indicator'))`))
	if !eval[bool](u, `window.evidencePageEdited()`) {
		u.t.Error("an indicator chosen does not count as an edit: showing the page again would lose it")
	}
}

// handInPhotos hands the photos in on 我的任务 and follows them there and
// on the last one's page, neither reloaded by hand.
func (u ui) handInPhotos(base string, photos []string) {
	u.t.Helper()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("hand in photos", chromedp.SetUploadFiles(css(`article.task input[type=file]`), photos),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('article.task form:has(input[type=file]) button[type=submit]').click()`))
	u.waitFor("the photos handed in", `document.querySelectorAll('article.task .docstatus').length === 2`)
	u.fitsAPhone("我的任务 after the hand-in")
	u.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))
	u.waitFor("the first photo searchable on 我的任务 without a reload",
		`window.notReloaded === true && document.querySelector('article.task .docstatus').dataset.status === 'indexed'`)
	if got := u.text(`article.task .docstatus`); !strings.Contains(got, "可检索") {
		u.t.Errorf("the photo read is said to be %q on 我的任务, want 可检索", got)
	}
	// The title read from the photo's text replaces its file name, as a
	// reload shows it (the probe saw the file name until a reload).
	live := u.text(`article.task a[data-title-of]`)
	u.do("我的任务 reloaded", chromedp.Reload(), chromedp.WaitVisible(css(`article.task a[data-title-of]`)))
	if reloaded := u.text(`article.task a[data-title-of]`); reloaded == "photo" || live != reloaded {
		u.t.Errorf("the photo read is titled %q on 我的任务 without a reload, %q after one; want the title read from its text both times", live, reloaded)
	}
	last := eval[string](u, `Array.from(document.querySelectorAll('article.task a[href^="/documents/"]')).pop().getAttribute('href')`)
	u.do("the last photo's page", chromedp.Navigate(base+last), chromedp.WaitVisible(css(`#doc-status`)),
		chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))
	u.t.Logf("the last photo's page opened with status %s", eval[string](u, `document.getElementById('doc-status').dataset.status`))
	u.waitFor("the last photo's text shown once read", `document.getElementById('doc-status').dataset.status === 'indexed' && document.querySelector('.pagetext') !== null`)
	if got := u.text(`.pagetext`); !strings.Contains(got, "杭州市教育局") {
		u.t.Errorf("the photo's page shows %q, want its text read by OCR (杭州市教育局)", got)
	}
	u.fitsAPhone("a photo's page")
	// 报送部门 is the task's: shown, not to be typed into, and looking so.
	if eval[bool](u, `getComputedStyle(document.getElementById('m-dept')).backgroundColor === getComputedStyle(document.getElementById('m-title')).backgroundColor`) {
		u.t.Errorf("the department's own document: 报送部门, which it may not change, looks like the 标题 it may")
	}
}

// handInJoinedPhotos hands the photos in as the pages of one paper
// document (合并为一份文件), the last photo moved up to page 1 by a tap
// on 上移: one document more on 我的任务, of as many pages as photos, its
// first page the moved photo's.
func (u ui) handInJoinedPhotos(base string, photos []string) {
	u.t.Helper()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	before := eval[int](u, `document.querySelectorAll('article.task .docstatus').length`)
	u.do("choose photos to join", chromedp.SetUploadFiles(css(`article.task input[type=file]`), photos),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('article.task input[name=join_photos]').click()`))
	u.waitFor("the pages listed", fmt.Sprintf(`document.querySelectorAll('article.task .page-order li').length === %d`, len(photos)))
	u.fitsAPhone("我的任务 with the pages of photos to join")
	// The last photo is the paper's first page: moved up to the top.
	for range len(photos) - 1 {
		u.do("move the last photo up", chromedp.Click(css(`article.task .page-order li:last-child button.up`)))
	}
	if got := u.text(`article.task .page-order li:first-child .page-name`); !strings.Contains(got, filepath.Base(photos[len(photos)-1])) {
		u.t.Errorf("page 1 after moving the last photo up reads %q, want %s", got, filepath.Base(photos[len(photos)-1]))
	}
	u.do("hand in photos joined", chromedp.Evaluate[chromedp.Void](`document.querySelector('article.task form:has(input[type=file]) button[type=submit]').click()`))
	u.waitFor("one document more", fmt.Sprintf(`document.querySelectorAll('article.task .docstatus').length === %d`, before+1))
	u.fitsAPhone("我的任务 after a joined hand-in")
	joined := eval[string](u, `Array.from(document.querySelectorAll('article.task a[href^="/documents/"]')).pop().getAttribute('href')`)
	u.do("the joined document's page 1", chromedp.Navigate(base+joined+"?page=1"), chromedp.WaitVisible(css(`#doc-status`)))
	u.waitFor("the joined document read", `document.getElementById('doc-status').dataset.status === 'indexed' && document.querySelector('.pagetext') !== null`)
	if got := u.text(`#texth`); !strings.Contains(got, fmt.Sprintf("/ %d", len(photos))) {
		u.t.Errorf("the joined document's text heading is %q, want %d pages", got, len(photos))
	}
	if got := u.text(`.pagetext`); !strings.Contains(got, "杭州市教育局") {
		u.t.Errorf("page 1 of the joined photos shows %q, want the last photo's text, moved to page 1 (杭州市教育局)", got)
	}
	u.fitsAPhone("a joined document's page")
}

// fitsAPhone checks a page on a phone: nothing wider than the screen, and
// every control one taps — the header's links, fields, lists, buttons, a
// link standing alone — at least 40 px each way. A link inside a sentence
// is text and is left out.
func (u ui) fitsAPhone(page string) {
	u.t.Helper()
	u.fitsTheWidth(page)
	small := eval[[]string](u, `(function () {
		var out = [];
		document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary').forEach(function (e) {
			if (!e.checkVisibility() || e.type === 'checkbox' || e.type === 'radio') { return; }
			var r = e.getBoundingClientRect();
			if (r.right <= 0 || r.width === 0) { return; } // a skip link waiting off screen
			if (e.tagName === 'A' && !e.closest('.top') && e.parentElement.textContent.trim() !== e.textContent.trim()) { return; }
			if (r.height < 40 || r.width < 40) {
				out.push(e.tagName.toLowerCase() + (e.name ? '[name=' + e.name + ']' : '') + ' “' + (e.textContent || '').trim().slice(0, 16) + '” ' + Math.round(r.width) + '×' + Math.round(r.height));
			}
		});
		return out;
	})()`)
	for _, s := range small {
		u.t.Errorf("%s: %s px is too small to tap", page, s)
	}
}
