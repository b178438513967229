package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// checkUploadFormLayout: a file's own type offers （同上） and the types,
// not a second empty choice; at 390 px every shared field's label stands
// on the line of its field, in both languages, and nothing scrolls
// sideways.
func checkUploadFormLayout(u ui, s *server, file, shots string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("choose a file", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{file}))
	u.waitFor("its row", `document.querySelectorAll('#outcomes li .f-type').length === 1`)
	choices := eval[[]string](u, `Array.from(document.querySelector('#outcomes li .f-type').options).map(function (o) { return o.value + '=' + o.textContent; })`)
	empty := 0
	for _, c := range choices {
		if strings.HasPrefix(c, "=") {
			empty++
		}
	}
	if empty != 1 || len(choices) < 2 || choices[0] != "=\uFF08同上\uFF09" {
		u.t.Errorf("a file's type offers %q, want （同上） first and no other empty choice", choices)
	}
	u.do("phone width", chromedp.EmulateViewport(390, 844))
	defer u.do("desktop width", chromedp.EmulateViewport(1280, 900))
	for _, lang := range []string{"zh", "en"} {
		u.do("the form at 390 px in "+lang, chromedp.Navigate(s.base+"/lang?to="+lang+"&next=/upload"), chromedp.WaitVisible(css(`#files`)))
		apart := eval[[]string](u, `(function () {
			var out = [];
			['doc_number', 'issued_on', 'round'].forEach(function (id) {
				var f = document.getElementById(id), l = document.querySelector('label[for="' + id + '"]');
				var a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
				if (a.bottom <= b.top || b.bottom <= a.top) {
					out.push(l.textContent.trim() + ' (label ' + Math.round(a.top) + '–' + Math.round(a.bottom) +
						' px, field ' + Math.round(b.top) + '–' + Math.round(b.bottom) + ' px)');
				}
			});
			return out;
		})()`)
		for _, a := range apart {
			u.t.Errorf("at 390 px in %s the label %s is not on its field's line", lang, a)
		}
		u.fitsTheWidth("the upload form at 390 px in " + lang)
		u.shot(shots, "upload-form-390-"+lang)
	}
	u.do("back to Chinese", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)))
}

// countUploads makes the page count the uploads it sends (window.posts),
// the first fail of them failing unsent: as a lost connection would
// (status 0), or answered with status and an unavailable store's error.
func countUploads(u ui, fail, status int) {
	eval[bool](u, fmt.Sprintf(`(function () {
		window.posts = 0; window.failing = %d;
		var status = %d, body = '{"error":{"code":"EUNAVAILABLE","message":"对象存储不可用，文件未保存"}}';
		var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
		XMLHttpRequest.prototype.open = function (m, url) { this.upload_ = m === "POST" && url === "/api/v1/documents"; return open.apply(this, arguments); };
		XMLHttpRequest.prototype.send = function () {
			if (!this.upload_) { return send.apply(this, arguments); }
			window.posts++;
			if (window.failing <= 0) { return send.apply(this, arguments); }
			window.failing--;
			var x = this;
			setTimeout(function () {
				if (!status) { x.onerror(); return; }
				Object.defineProperty(x, "status", { value: status });
				Object.defineProperty(x, "responseText", { value: body });
				x.onload();
			}, 10);
		};
		return true;
	})()`, fail, status))
}

// textFiles writes n small texts that read well, each its own.
func textFiles(t *testing.T, dir, prefix string, n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("%s第%d期.txt", prefix, i))
		body := fmt.Sprintf("杭州市%s第%d期：本期介绍第%d个社区学习共同体的建设情况，居民参与终身学习活动。", prefix, i, i*7+3)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// checkUploadRequiredFields: 12 files sent without a type send nothing
// and say so beside the type, in both languages; with the type chosen,
// files lost on the way are sent again by 上传 alone, and nothing else is;
// a date the archive refuses stops the upload at the first file, marked
// beside the date, and the files go once it is corrected.
func checkUploadRequiredFields(u ui, s *server, dir, shots string) {
	t := u.t
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	rows := func(n int) string {
		return fmt.Sprintf(`document.querySelectorAll('#outcomes li .filemeta').length === %d`, n)
	}
	twelve := textFiles(t, dir, "社区教育简报", 12)

	u.do("one file in English, no type", chromedp.Navigate(s.base+"/lang?to=en&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), twelve[:1]))
	u.waitFor("its row", rows(1))
	countUploads(u, 0, 0)
	u.do("upload without a type", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the type's error", `document.getElementById('up-type-err') !== null`)
	if got := u.text(`#up-type-err`); !strings.Contains(got, "Choose the type of document") {
		t.Errorf("the English page says beside the type %q", got)
	}

	u.do("12 files, no type", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), twelve))
	u.waitFor("12 rows", rows(12))
	countUploads(u, 0, 0)
	u.do("upload without a type", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the type's error", `document.getElementById('up-type-err') !== null`)
	if got := u.text(`#up-type-err`); !strings.Contains(got, "请选择文件类型\uFF08如政策文件、工作总结\uFF09") {
		t.Errorf("beside the type: %q", got)
	}
	if n := eval[int](u, `window.posts`); n != 0 {
		t.Errorf("without a type the page sent %d files, want none", n)
	}
	u.shot(shots, "upload-no-type")
	if id := eval[string](u, `document.activeElement.id + '/' + document.getElementById('doc_type').getAttribute('aria-invalid')`); id != "doc_type/true" {
		t.Errorf("after the check the focus and the type's mark are %q, want doc_type/true", id)
	}
	if n := eval[int](u, `document.querySelectorAll('#outcomes li[data-kind="failed"]').length`); n != 0 {
		t.Errorf("%d files count as failed when none was sent", n)
	}

	// The type chosen and eight more files: twenty go in two requests (16
	// files a request), and the first request is lost on the way.
	twenty := append(twelve, textFiles(t, dir, "社区教育快讯", 8)...)
	u.do("20 files", chromedp.SetUploadFiles(css(`#files`), twenty))
	u.waitFor("20 rows", rows(20))
	eval[bool](u, `(function () { window.posts = 0; window.failing = 1; return true; })()`) // countUploads's, already in place
	u.do("choose the type and upload", chromedp.SetValue(css(`#doc_type`), "other"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("4 stored, 16 failed", `document.getElementById('totals').textContent.indexOf('20 个文件\uFF1A已保存 4\uFF0C重复 0\uFF0C失败 16') >= 0`)
	if n := eval[int](u, `document.querySelectorAll('#outcomes li[data-kind="failed"] button.retry').length`); n != 16 {
		t.Errorf("%d files lost on the way offer 重试, want 16", n)
	}
	if eval[bool](u, `document.getElementById('up-type-err') !== null`) {
		t.Errorf("the type's error stays after the type was chosen")
	}
	u.do("upload again", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("all 20 stored", `document.getElementById('totals').textContent.indexOf('20 个文件\uFF1A已保存 20\uFF0C重复 0\uFF0C失败 0') >= 0`)
	if n := eval[int](u, `window.posts`); n != 3 {
		t.Errorf("the page sent %d upload requests, want 2 and the lost one's 16 files again in one", n)
	}

	// A date the archive refuses: the first file is refused, the rest wait.
	three := textFiles(t, dir, "老年教育简报", 3)
	u.do("three files with a bad date", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), three))
	u.waitFor("3 rows", rows(3))
	countUploads(u, 0, 0)
	u.do("upload with a bad date", chromedp.SetValue(css(`#doc_type`), "other"), chromedp.SetValue(css(`#issued_on`), "2018年13月40日"),
		chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the date's error", `document.getElementById('up-date-err') !== null`)
	if got := u.text(`#up-date-err`); !strings.Contains(got, "不存在") {
		t.Errorf("beside the date: %q", got)
	}
	if n := eval[int](u, `window.posts`); n != 1 {
		t.Errorf("after the date was refused the page sent %d files, want it to stop at 1", n)
	}
	if got := u.text(`#outcomes li:first-child .state`); !strings.Contains(got, "未上传") {
		t.Errorf("the refused file's row reads %q", got)
	}
	u.shot(shots, "upload-bad-date")
	if n := eval[int](u, `document.querySelectorAll('#outcomes li[data-kind="failed"]').length`); n != 0 {
		t.Errorf("%d files count as failed for a mistake in the form", n)
	}
	u.do("correct the date and upload", chromedp.SetValue(css(`#issued_on`), "2018年3月20日"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("3 stored", `document.getElementById('totals').textContent.indexOf('3 个文件\uFF1A已保存 3\uFF0C重复 0\uFF0C失败 0') >= 0`)
	if eval[bool](u, `document.getElementById('up-date-err') !== null`) {
		t.Errorf("the date's error stays after it was corrected")
	}
}

// checkUploadRowsOnceRead: once a document is searchable its row shows the
// title read from its text and the round it ended in — the round of its
// date, the round it stayed in when no round has its year or no date was
// found, the round typed, an annual summary's title year — never “暂归入”.
func checkUploadRowsOnceRead(u ui, s *server, dir, shots string) {
	t := u.t
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	notice := func(name, title, number, date string) string {
		p := filepath.Join(dir, name)
		body := "杭州市教育局文件\n" + number + "\n" + title + "\n各区、县(市)教育局:\n为推进社区教育发展，现开展" + name + "相关工作。\n杭州市教育局\n" + date
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files := []string{
		notice("示范街道通知.txt", "杭州市教育局关于开展社区教育示范街道创建工作的通知", "杭教职成〔2017〕8号", "2017年12月20日"),
		notice("老年大学通知.txt", "杭州市教育局关于推进老年大学办学网络建设的通知", "杭教职成〔2015〕3号", "2015年10月9日"),
		textFiles(t, dir, "学习活动周简报", 1)[0],
		notice("学分银行通知.txt", "杭州市教育局关于深化学分银行建设的通知", "杭教职成〔2018〕2号", "2018年4月2日"),
		notice("工作总结.txt", "杭州市2017年学习型城市建设工作总结", "", "2018年3月20日"),
	}
	u.do("five files without a round", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), files))
	u.waitFor("5 rows", `document.querySelectorAll('#outcomes li .filemeta').length === 5`)
	u.do("the last one's own round, and upload", chromedp.SetValue(css(`#doc_type`), "policy"),
		chromedp.SendKeys(css(`#outcomes li:nth-child(4) .f-round`), "2017"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("5 indexed", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 5`)
	u.shot(shots, "upload-rows-read")
	for i, want := range []struct{ title, round, note string }{
		{"杭州市教育局关于开展社区教育示范街道创建工作的通知", "2017", "按成文日期 2017-12-20 归入 2017年度"},
		{"杭州市教育局关于推进老年大学办学网络建设的通知", "2018", "成文日期 2015-10-09 没有对应的监测轮次\uFF0C仍归入 2018年度"},
		{"", "2018", "未识别出成文日期\uFF0C仍归入 2018年度"},
		{"杭州市教育局关于深化学分银行建设的通知", "2017", "监测轮次\uFF1A2017年度"},
		// An annual summary issued the next spring is its year's (s28 D11).
		{"杭州市2017年学习型城市建设工作总结", "2017", "标题为 2017年的总结或报告\uFF0C成文日期 2018-03-20\uFF0C按标题的年份归入 2017年度\uFF0C请核对"},
	} {
		row := fmt.Sprintf(`#outcomes li:nth-child(%d)`, i+1)
		if want.title != "" {
			if got := u.text(row + ` .state a`); got != want.title {
				t.Errorf("row %d links to the document as %q, want its title %q", i+1, got, want.title)
			}
		}
		got := u.text(row + ` .state`)
		if !strings.Contains(got, want.note) || strings.Contains(got, "暂归入") {
			t.Errorf("row %d reads %q, want %q", i+1, got, want.note)
		}
		if r := eval[string](u, `(document.querySelector('`+row+` .round-note') || {dataset: {}}).dataset.round || ''`); r != want.round {
			t.Errorf("row %d is in round %q, want %s", i+1, r, want.round)
		}
	}
}

// waitReadings waits, once the page shows its upload answered (no row
// pending), until the server has read every document it holds (indexed or
// failed); the page's own minute is then for what it polls (every 5 s at
// most) to show it. On a loaded machine the readings alone can take most
// of that minute. Their bound is the product's: each reading ends within
// extract.DefaultTimeout and the sandbox's 5 s grace, plus
// DefaultOCRPageTimeout for each of the ocrPages it OCRs, here counted as
// if they ran one after another.
func waitReadings(u ui, s *server, ocrPages int) {
	u.waitFor("the upload answered", `document.querySelectorAll('#outcomes li[data-kind="pending"]').length === 0`)
	on := *s
	on.t = u.t // a subtest's failure is its own
	_, busy := on.statuses()
	on.waitAllDone(time.Duration(busy+1)*(extract.DefaultTimeout+5*time.Second) + time.Duration(ocrPages)*extract.DefaultOCRPageTimeout)
}

// checkUploadRefusals: a file refused for what it is (empty, an encrypted
// workbook) and a document that failed for its own bytes (an encrypted or
// damaged PDF) offer no retry, which would fail alike, and 上传 does not
// send them again; a file the server could not take (503) keeps 重试 and
// is sent again by 上传. The failed PDFs' pages advise a corrected
// replacement, not 重新读取, in both languages.
func checkUploadRefusals(u ui, s *server, dir, shots string) {
	t := u.t
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	fixture := func(name string) string {
		p, err := filepath.Abs(filepath.Join("..", "..", "ingest", "extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{textFiles(t, dir, "社区学校简报", 1)[0], empty, fixture("encrypted.xlsx"), fixture("encrypted.pdf"), fixture("corrupt.pdf")}
	offers := func(n int) string {
		return eval[string](u, fmt.Sprintf(`Array.from(document.querySelectorAll('#outcomes li:nth-child(%d) .actions > *')).map(function (a) { return a.className; }).join(' ')`, n))
	}
	// The first file alone, answered 503: it keeps 重试.
	u.do("one file", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), files[:1]))
	u.waitFor("1 row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	countUploads(u, 1, 503)
	u.do("upload", chromedp.SetValue(css(`#doc_type`), "other"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("it failed", `document.querySelectorAll('#outcomes li[data-kind="failed"]').length === 1`)
	if got := offers(1); got != "link retry link remove" {
		t.Errorf("%s lost at 503 offers %q, want 重试 and 移除", filepath.Base(files[0]), got)
	}
	// Four more chosen: 上传 sends them with the one lost, in one request.
	u.do("four more files", chromedp.SetUploadFiles(css(`#files`), files[1:]))
	u.waitFor("5 rows", `document.querySelectorAll('#outcomes li .filemeta').length === 5`)
	u.do("upload again", chromedp.Click(css(`#upload-submit`)))
	waitReadings(u, s, 0)
	u.waitFor("the one the server could not take is stored", `document.getElementById('totals').textContent.indexOf('5 个文件\uFF1A已保存 1\uFF0C重复 0\uFF0C失败 4') >= 0 &&
		document.querySelectorAll('#outcomes li a.replace').length === 2`)
	for i, want := range []string{"", "link remove", "link remove", "replace", "replace"} {
		if got := offers(i + 1); got != want {
			t.Errorf("%s offers %q, want %q", filepath.Base(files[i]), got, want)
		}
	}
	u.shot(shots, "upload-refusals")
	if n := eval[int](u, `window.posts`); n != 2 {
		t.Errorf("the page sent %d upload requests, want the one lost at 503 and the five together", n)
	}

	hrefs := eval[[]string](u, `Array.from(document.querySelectorAll('#outcomes li a.replace')).map(function (a) { return a.getAttribute('href'); })`)
	if len(hrefs) != 2 {
		t.Fatalf("the failed PDFs' rows link to %q, want their two pages", hrefs)
	}
	for i, href := range hrefs {
		name := filepath.Base(files[3+i])
		for _, lang := range []struct{ code, want, bad string }{{"zh", "问题出在文件本身", "放宽了限制"}, {"en", "The trouble is the file itself", "raised"}} {
			u.do("open "+name+" in "+lang.code, chromedp.Navigate(s.base+"/lang?to="+lang.code+"&next="+url.QueryEscape(href)),
				chromedp.WaitVisible(css(`#fail-reason`)))
			advice := eval[string](u, `(document.getElementById('fail-advice') || {}).textContent || ''`)
			if !strings.Contains(advice, lang.want) || strings.Contains(advice, lang.bad) {
				t.Errorf("%s's page in %s advises %q, want %q", name, lang.code, advice, lang.want)
			}
			if n := eval[int](u, `document.querySelectorAll('#retryform').length + 10 * document.querySelectorAll('#replaceform').length`); n != 10 {
				t.Errorf("%s's page in %s: want the replace form and no 重新读取 (forms %d)", name, lang.code, n)
			}
		}
	}
	u.do("back to Chinese", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)))
}

// checkUploadAfterTheSessionEnded chooses two files, then the session ends
// (logged out in another tab) before 上传: the first file says so in the
// page's words, not the API's (a Bearer token), and the second waits
// unsent. It logs the browser out.
func checkUploadAfterTheSessionEnded(u ui, s *server, dir string) {
	t := u.t
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("two files", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), textFiles(t, dir, "会话结束", 2)))
	u.waitFor("2 rows", `document.querySelectorAll('#outcomes li .filemeta').length === 2`)
	if _, err := chromedp.Run(u.ctx, chromedp.Evaluate[int](`(function () {
		var data = new FormData();
		data.append('csrf_token', document.querySelector('meta[name="csrf-token"]').content);
		return fetch('/logout', {method: 'POST', body: data, redirect: 'manual'}).then(function () { return 1; });
	})()`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("log out as from another tab: %v", err)
	}
	u.do("upload", chromedp.SetValue(css(`#doc_type`), "other"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the first file refused", `document.querySelectorAll('#outcomes li[data-kind="failed"]').length === 1`)
	first := u.text(`#outcomes li[data-kind="failed"]`)
	if !strings.Contains(first, "登录已过期") || strings.Contains(first, "Bearer") {
		t.Errorf("a file sent after the session ended: %q, want 登录已过期 and no word of the API", first)
	}
	if n := eval[int](u, `document.querySelectorAll('#outcomes li[data-kind="pending"]').length`); n != 1 {
		t.Errorf("%d files wait after the session ended, want the second", n)
	}
}

// checkUploadJoinedPhotos: photos of one paper document, chosen with a
// text file and 合并为一份文件 ticked, become one row listing the photos as
// pages in the order of their names (a phone names its photos in the
// order taken, whatever order they were picked in); the text file keeps
// its own row. A page moved down by the keyboard changes the order shown
// and sent: the row says the document was joined from two photos, and its
// first page is the photo moved there.
func checkUploadJoinedPhotos(u ui, s *server, dir string) {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	copyPhoto := func(fixture, name string) string {
		data, err := os.ReadFile(filepath.Join("..", "..", "ingest", "extract", "testdata", fixture))
		if err != nil {
			u.t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			u.t.Fatal(err)
		}
		return p
	}
	second := copyPhoto("photo.jpg", "IMG_20181203_0912.jpg")
	first := copyPhoto("masthead.jpg", "IMG_20181203_0905.jpg")
	note := filepath.Join(dir, "评估工作说明.txt")
	if err := os.WriteFile(note, []byte("社区教育示范街道评估工作说明：请各区按通知要求报送材料。"), 0o644); err != nil {
		u.t.Fatal(err)
	}
	u.do("the upload page", chromedp.Navigate(s.base+"/lang?to=zh&next=/upload"), chromedp.WaitVisible(css(`#files`)))
	if eval[bool](u, `!document.getElementById('join-row').hidden`) {
		u.t.Error("合并为一份文件 is offered before two photos are chosen")
	}
	u.do("choose two photos and a text", chromedp.SetUploadFiles(css(`#files`), []string{second, note, first}))
	u.waitFor("a row per file", `document.querySelectorAll('#outcomes li[data-kind="pending"]').length === 3`)
	if !eval[bool](u, `!document.getElementById('join-row').hidden`) {
		u.t.Fatal("合并为一份文件 is not offered for two photos")
	}
	u.do("join them", chromedp.Click(css(`#join_photos`)))
	u.waitFor("the photos in one row", `document.querySelectorAll('#outcomes li[data-kind="pending"]').length === 2`)
	row := u.text(`#outcomes li[data-photos="2"] strong`)
	if want := "2 张照片合并为一份文件：第 1 页 IMG_20181203_0905.jpg、第 2 页 IMG_20181203_0912.jpg"; row != want {
		u.t.Errorf("the joined row reads %q, want %q", row, want)
	}
	// The phone's names are not the paper's order: page 1 moves down, by
	// the keyboard, and the row shows the order sent.
	u.do("move page 1 down", chromedp.Focus(css(`#outcomes li[data-photos="2"] .page-order li:first-child button.down`)), chromedp.KeyEvent("\r"))
	u.waitFor("the pages swapped", `document.querySelector('#outcomes li[data-photos="2"] .page-order li:first-child .page-name').textContent.indexOf('IMG_20181203_0912.jpg') >= 0`)
	row = u.text(`#outcomes li[data-photos="2"] strong`)
	if want := "2 张照片合并为一份文件：第 1 页 IMG_20181203_0912.jpg、第 2 页 IMG_20181203_0905.jpg"; row != want {
		u.t.Errorf("after moving page 1 down the joined row reads %q, want %q", row, want)
	}
	if got := eval[string](u, `document.activeElement.getAttribute('aria-label') || ''`); got != "上移：第 2 页 IMG_20181203_0905.jpg" {
		u.t.Errorf("the focus after moving a page to the end is on %q, want its 上移", got)
	}
	if got := u.text(`#outcomes li[data-photos="2"] .page-order [role=status]`); got != "IMG_20181203_0905.jpg 现在是第 2 页" {
		u.t.Errorf("the move is announced as %q", got)
	}
	u.do("upload", chromedp.SetValue(css(`#doc_type`), "meeting_notice"), chromedp.Click(css(`#upload-submit`)))
	waitReadings(u, s, 2)
	u.waitFor("the joined document read", `(function () {
		var li = document.querySelector('#outcomes li[data-photos="2"]');
		var st = li && li.querySelector('.docstatus');
		return st && st.dataset.status === 'indexed';
	})()`)
	if got := u.text(`#outcomes li[data-photos="2"] .state`); !strings.Contains(got, "由 2 张照片合并，每张一页") {
		u.t.Errorf("the joined row says %q, want it joined from 2 photos", got)
	}
	href := u.attr(`#outcomes li[data-photos="2"] a[href^="/documents/"]`, "href")
	u.do("the joined document", chromedp.Navigate(s.base+href), chromedp.WaitVisible(css(`.pagetext`)))
	if got := u.text(`.pagetext`); !strings.Contains(got, "成都市") || strings.Contains(got, "杭州市教育局") {
		u.t.Errorf("page 1 of the joined document reads %q, want the photo moved to page 1 (成都市社区教育工作情况报告)", got)
	}
	if got := u.text(`#texth`); !strings.Contains(got, "/ 2") {
		u.t.Errorf("the joined document's heading %q, want 2 pages", got)
	}
}
