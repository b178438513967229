package main

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// garbledBytes are bytes that are no encoding's text: a .txt that fails.
func garbledBytes() []byte {
	b := make([]byte, 3000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(0x80 | x&0x7f)
	}
	return b
}

// TestUploadOutcomesInARealBrowser walks the upload work of a city office:
// a department's hand-in with a date that does not exist comes back with
// the date kept and its error beside the field; the coordinator uploads
// three files, each with its own type, 文号, date and round, the button
// disabled while they are sent, and reads the totals; sending the file that
// failed again says it is already in the archive and failed, in English
// on an English page with the reason in English; its page says why and
// takes a replacement, which ends searchable under the same document.
func TestUploadOutcomesInARealBrowser(t *testing.T) {
	start := time.Now()
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n")
	dir := t.TempDir()
	file := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	policy := file("学分银行实施意见.txt", []byte("杭州市学分银行实施意见：建立学分银行，推进学习成果认证。"))
	summary := file("社区教育工作总结.txt", []byte("杭州市2017年社区教育工作总结：全市社区学校达到标准化要求。"))
	broken := file("损坏的通知.txt", garbledBytes())
	good := file("学习型城市建设通知.txt", []byte("杭州市关于推进学习型城市建设的通知：开展全民终身学习活动周。"))
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// A bad date on the hand-in form stays there, its error beside it.
	u.login(s.base, "jiaoyu", pw)
	u.do("hand in with a bad date", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)),
		chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{summary}),
		chromedp.SendKeys(css(`article.task input[name=doc_number]`), "杭教〔2018〕9号"),
		chromedp.SendKeys(css(`article.task input[name=issued_on]`), "2018年13月40日"),
		chromedp.Click(css(`article.task form:has(input[type=file]) button[type=submit]`)),
		chromedp.WaitVisible(css(`article.task [id$="-date-err"]`)))
	if v := eval[string](u, `document.querySelector('article.task input[name=issued_on]').value`); v != "2018年13月40日" {
		t.Errorf("the date after the error holds %q, want what was typed", v)
	}
	if v := eval[string](u, `document.querySelector('article.task input[name=doc_number]').value`); v != "杭教〔2018〕9号" {
		t.Errorf("the 文号 after the error holds %q, want what was typed", v)
	}
	if next := eval[string](u, `document.querySelector('article.task input[name=issued_on]').nextElementSibling.className`); next != "field-error" {
		t.Errorf("the error is not beside the date field (next to it: %q)", next)
	}
	if msg := u.text(`article.task [id$="-date-err"]`); !strings.Contains(msg, "不存在") || strings.Contains(msg, "issued_on") {
		t.Errorf("the error beside the date: %q", msg)
	}
	if body := u.text(`main`); strings.Contains(body, "出错了") {
		t.Errorf("the dead-end error page after a bad date")
	}
	u.shot(shots, "task-bad-date")
	u.logout()

	// Three files, each with its own fields; the button waits for them.
	u.login(s.base, "wang", pw)
	u.do("choose files", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{policy, summary, broken}))
	u.waitFor("a row per file", `document.querySelectorAll('#outcomes li .filemeta').length === 3`)
	row := func(n int, sel string) chromedp.CSS { return css(fmt.Sprintf(`#outcomes li:nth-child(%d) %s`, n, sel)) }
	// Nothing is chosen for the uploader: the type waits for a choice.
	if v := eval[string](u, `document.getElementById('doc_type').value`); v != "" {
		t.Errorf("the upload form chose the type %q by itself", v)
	}
	u.do("per-file fields", chromedp.SetValue(css(`#doc_type`), "other"),
		chromedp.SetValue(row(1, `.f-type`), "policy"),
		chromedp.SendKeys(row(1, `.f-number`), "杭政办发〔2018〕12号"),
		chromedp.SendKeys(row(1, `.f-date`), "2018年3月20日"),
		chromedp.SetValue(row(2, `.f-type`), "work_summary"),
		chromedp.SendKeys(row(2, `.f-date`), "2017年12月28日"),
		chromedp.SendKeys(row(2, `.f-round`), "2017"))
	u.fitsTheWidth("upload with three files at 1280 px")
	// A slow line: each upload starts 0.8 s late, so the button is seen
	// disabled while they are sent.
	eval[bool](u, `(function () { var send = XMLHttpRequest.prototype.send;
		XMLHttpRequest.prototype.send = function () { var x = this, a = arguments; setTimeout(function () { send.apply(x, a); }, 800); };
		return true; })()`)
	u.do("upload", chromedp.Click(css(`#upload-submit`)))
	if !eval[bool](u, `document.getElementById('upload-submit').disabled`) {
		t.Errorf("the upload button is not disabled while files are sent")
	}
	u.waitFor("totals of three files", `document.getElementById('totals').textContent.indexOf('3 个文件：已保存 2，重复 0，失败 1') >= 0`)
	u.waitFor("two indexed", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 2`)
	if eval[bool](u, `document.getElementById('upload-submit').disabled`) {
		t.Errorf("the upload button stays disabled after the upload")
	}
	// Its bytes are no text: reading them again cannot mend it, so the row
	// offers its page, to replace it, and no 重试.
	if n := eval[int](u, `document.querySelectorAll('#outcomes li[data-kind="failed"] button.retry').length`); n != 0 {
		t.Errorf("the failed file offers %d retry buttons, want none", n)
	}
	if n := eval[int](u, `document.querySelectorAll('#outcomes li[data-kind="failed"] a.replace').length`); n != 1 {
		t.Errorf("the failed file offers %d ways to replace it, want 1", n)
	}
	u.shot(shots, "upload-totals")
	u.do("phone width", chromedp.EmulateViewport(390, 844))
	u.fitsTheWidth("upload outcomes at 390 px")
	u.shot(shots, "upload-totals-390")
	u.do("desktop width", chromedp.EmulateViewport(1280, 900))

	_, list := s.get("/api/v1/documents", url.Values{"city": {"330100"}})
	byName := map[string]map[string]any{}
	for _, d := range list["documents"].([]any) {
		m := d.(map[string]any)
		byName[m["filename"].(string)] = m
	}
	if d := byName["学分银行实施意见.txt"]; d == nil || d["doc_type"] != "policy" || d["doc_number"] != "杭政办发〔2018〕12号" || d["issued_on"] != "2018-03-20" {
		t.Errorf("the policy's own fields were not kept: %v", d)
	}
	if d := byName["社区教育工作总结.txt"]; d == nil || d["doc_type"] != "work_summary" || d["issued_on"] != "2017-12-28" || d["round"] != "2017" {
		t.Errorf("the summary's own fields were not kept: %v", d)
	}
	failed := byName["损坏的通知.txt"]
	if failed == nil || failed["status"] != "failed" {
		t.Fatalf("the garbled file: %v", failed)
	}

	// The failed file sent again: already in the archive, and failed.
	u.do("send the failed file again", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{broken}), chromedp.SetValue(css(`#doc_type`), "other"))
	u.waitFor("its row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	u.do("upload again", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("it failed again", `document.querySelector('#outcomes li[data-kind="failed"] a.replace') !== null`)
	if got := u.text(`#outcomes li`); !strings.Contains(got, "该文件已在档案中，但处理失败") || strings.Contains(got, "重复文件") {
		t.Errorf("the failed file sent again reads %q", got)
	}
	u.shot(shots, "upload-failed-again")

	// A renamed copy of a stored file: its row names the file sent and
	// the stored one it is.
	renamed := file("改名的实施意见.txt", []byte("杭州市学分银行实施意见：建立学分银行，推进学习成果认证。"))
	u.do("send a renamed copy", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{renamed}), chromedp.SetValue(css(`#doc_type`), "policy"))
	u.waitFor("its row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	u.do("upload the copy", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("it is a duplicate", `document.querySelector('#outcomes li[data-kind="duplicate"] a') !== null`)
	if got := u.text(`#outcomes li`); !strings.Contains(got, "改名的实施意见.txt") ||
		!strings.Contains(got, "与已保存的“学分银行实施意见.txt”是同一文件") {
		t.Errorf("the renamed copy reads %q, want the name sent and the stored file's name", got)
	}

	// On an English page the reason is English (error_en).
	en, _ := failed["error_en"].(string)
	if en == "" {
		t.Errorf("the garbled file's reason has no English: %v", failed)
	}
	u.do("send it again in English", chromedp.Navigate(s.base+"/lang?to=en&next=/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{broken}), chromedp.SetValue(css(`#doc_type`), "other"))
	u.waitFor("its row in English", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	u.do("upload in English", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("it failed again in English", `document.querySelector('#outcomes li[data-kind="failed"] a.replace') !== null`)
	if got := u.text(`#outcomes li`); en == "" || !strings.Contains(got, en) || strings.Contains(got, failed["error"].(string)) {
		t.Errorf("the failed file sent again on an English page reads %q, want its reason %q", got, en)
	}
	u.do("open the failed document in English", chromedp.Click(css(`#outcomes li a.replace`)), chromedp.WaitVisible(css(`#fail-reason`)))
	if got := u.text(`#fail-reason`); en == "" || !strings.Contains(got, en) {
		t.Errorf("the failed document's English page gives the reason %q, want %q", got, en)
	}

	// Its page says why and takes a replacement.
	u.do("open the failed document", chromedp.Navigate(s.base+"/lang?to=zh&next=/documents/"+failed["id"].(string)),
		chromedp.WaitVisible(css(`#fail-reason`)))
	if n := eval[int](u, `document.querySelectorAll('.pdfview iframe, a.pdf-open').length`); n != 0 {
		t.Errorf("the failed document's page shows a viewer or an open-page link")
	}
	if body := u.text(`main`); strings.Contains(body, "第 0 页") || strings.Contains(body, "还没有可显示的文字") || !strings.Contains(body, "这份文件未能读取") {
		t.Errorf("the failed document's page reads %q", body)
	}
	u.shot(shots, "document-failed")
	u.do("replace", chromedp.SetUploadFiles(css(`#replace-file`), []string{good}),
		chromedp.Click(css(`#replaceform button[type=submit]`)), chromedp.WaitVisible(css(`.flash`)))
	id := failed["id"].(string)
	deadline := time.Now().Add(60 * time.Second)
	for {
		u.do("reload", chromedp.Navigate(s.base+"/documents/"+id), chromedp.WaitVisible(css(`#doc-status`)))
		if u.attr(`#doc-status`, "data-status") == "indexed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the replaced document is %s after 60 s", u.attr(`#doc-status`, "data-status"))
		}
		time.Sleep(300 * time.Millisecond)
	}
	if got := u.text(`.pagetext`); !strings.Contains(got, "学习型城市建设") {
		t.Errorf("the replaced document's text: %q", got)
	}
	if n := eval[int](u, `document.querySelectorAll('#failure').length`); n != 0 {
		t.Errorf("the replaced document still offers the failure's actions")
	}
	u.shot(shots, "document-replaced")

	// The same server and browser check the form itself.
	t.Run("form layout", func(t *testing.T) { checkUploadFormLayout(ui{t: t, ctx: u.ctx}, s, good, shots) })
	t.Run("required fields", func(t *testing.T) { checkUploadRequiredFields(ui{t: t, ctx: u.ctx}, s, dir, shots) })
	t.Run("rows once read", func(t *testing.T) { checkUploadRowsOnceRead(ui{t: t, ctx: u.ctx}, s, dir, shots) })
	t.Run("refusals", func(t *testing.T) { checkUploadRefusals(ui{t: t, ctx: u.ctx}, s, dir, shots) })
	t.Run("photos joined", func(t *testing.T) { checkUploadJoinedPhotos(ui{t: t, ctx: u.ctx}, s, dir) })
	t.Run("a folder in one request", func(t *testing.T) { checkUploadFolderInOneRequest(ui{t: t, ctx: u.ctx}, s, dir) })
	t.Run("own types only", func(t *testing.T) { checkUploadOwnTypesOnly(ui{t: t, ctx: u.ctx}, s, dir) })
	t.Run("session ended", func(t *testing.T) { checkUploadAfterTheSessionEnded(ui{t: t, ctx: u.ctx}, s, dir) })
	t.Logf("upload walk took %s", time.Since(start).Round(time.Millisecond))
}

// withDepartment gives the server the two accounts the browser tests of
// 我的任务 use, both with password pw — wang, 杭州's coordinator, and
// jiaoyu of 市教育局 — and imports table as 杭州's responsibility table.
func (s *server) withDepartment(pw, table string) {
	s.t.Helper()
	s.addAccounts(pw, [][]string{
		{"wang", "coordinator", "--city", "330100"},
		{"jiaoyu", "contributor", "--city", "330100", "--department", "市教育局"},
	})
	importTable(s.t, s, table)
}

// importTable imports a responsibility table for 杭州's current round as
// the server's admin.
func importTable(t *testing.T, s *server, csv string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("city", "330100")
	w, _ := mw.CreateFormFile("file", "责任分解表.csv")
	w.Write([]byte(csv))
	mw.Close()
	req, _ := http.NewRequest("POST", s.base+"/api/v1/assignments/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if status, body := s.do(req); status != http.StatusOK && status != http.StatusCreated {
		t.Fatalf("import the table: %d %v", status, body)
	}
}

// checkUploadFolderInOneRequest: six files chosen at once go to the server
// in one request, and each row shows its own file's outcome: the empty
// one refused with its reason, the five others stored and indexed.
func checkUploadFolderInOneRequest(u ui, s *server, dir string) {
	t := u.t
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	var paths []string
	for i, name := range []string{"社区学院年报.txt", "老年大学总结.txt", "学习共同体案例.txt", "终身学习活动周.txt", "市民学习护照.txt"} {
		p := filepath.Join(dir, name)
		body := fmt.Sprintf("杭州市%s：第%d份材料，记录全民终身学习的进展。", strings.TrimSuffix(name, ".txt"), i+1)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	empty := filepath.Join(dir, "空白的签到表.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths[:2], append([]string{empty}, paths[2:]...)...)
	u.do("choose a folder", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), paths), chromedp.SetValue(css(`#doc_type`), "work_summary"))
	u.waitFor("a row per file", `document.querySelectorAll('#outcomes li .filemeta').length === 6`)
	eval[bool](u, `(function () { window.uploadPosts = 0; var open = XMLHttpRequest.prototype.open;
		XMLHttpRequest.prototype.open = function (m, url) { if (m === "POST" && url === "/api/v1/documents") { window.uploadPosts++; }
			return open.apply(this, arguments); };
		return true; })()`)
	u.do("upload the folder", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("totals of six files", `document.getElementById('totals').textContent.indexOf('6 个文件：已保存 5，重复 0，失败 1') >= 0`)
	u.waitFor("five indexed", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 5`)
	if n := eval[int](u, `window.uploadPosts`); n != 1 {
		t.Errorf("six files went in %d requests, want one", n)
	}
	if got := u.text(`#outcomes li[data-kind="failed"]`); !strings.Contains(got, "空白的签到表.txt") || !strings.Contains(got, "空") {
		t.Errorf("the empty file's row reads %q, want its name and why it was refused", got)
	}
	if got := u.text(`#outcomes li:nth-child(4)`); !strings.Contains(got, "学习共同体案例.txt") || !strings.Contains(got, "学习共同体案例") {
		t.Errorf("the fourth row reads %q, want the file chosen fourth and its document", got)
	}
}

// checkUploadOwnTypesOnly: the form's 文件类型 left empty and each of three
// rows given its own type, the three files go in one request that the
// server takes (review s25-cpu #1: the request once went without a type
// and every group was refused), each stored with its own type.
func checkUploadOwnTypesOnly(u ui, s *server, dir string) {
	t := u.t
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	types := []string{"policy", "work_summary", "case"}
	var paths []string
	for i, name := range []string{"学分银行实施办法.txt", "社区教育年度总结.txt", "老年学习点案例.txt"} {
		p := filepath.Join(dir, name)
		body := fmt.Sprintf("杭州市%s：第%d份，各行其类。", strings.TrimSuffix(name, ".txt"), i+1)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	row := func(n int, sel string) chromedp.CSS { return css(fmt.Sprintf(`#outcomes li:nth-child(%d) %s`, n, sel)) }
	u.do("choose three files", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), paths))
	u.waitFor("a row per file", `document.querySelectorAll('#outcomes li .filemeta').length === 3`)
	u.do("own types only", chromedp.SetValue(css(`#doc_type`), ""),
		chromedp.SetValue(row(1, `.f-type`), types[0]), chromedp.SetValue(row(2, `.f-type`), types[1]),
		chromedp.SetValue(row(3, `.f-type`), types[2]))
	eval[bool](u, `(function () { window.uploadTypes = []; var send = XMLHttpRequest.prototype.send;
		XMLHttpRequest.prototype.send = function (d) { if (d instanceof FormData) { window.uploadTypes.push(d.get("doc_type")); }
			return send.apply(this, arguments); };
		return true; })()`)
	u.do("upload", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("totals of three files", `document.getElementById('totals').textContent.indexOf('3 个文件：已保存 3，重复 0，失败 0') >= 0`)
	if got := eval[[]string](u, `window.uploadTypes`); len(got) != 1 || got[0] != types[0] {
		t.Errorf("the request's own doc_type went as %q, want one request with the first row's %q", got, types[0])
	}
	for i, want := range types {
		id := eval[string](u, fmt.Sprintf(`(function () { var a = document.querySelector('#outcomes li:nth-child(%d) a[href^="/documents/"]'); return a ? a.getAttribute('href').split('/').pop() : ''; })()`, i+1))
		if id == "" {
			t.Errorf("row %d links no document", i+1)
			continue
		}
		if status, doc := s.get("/api/v1/documents/"+id, nil); status != 200 || doc["doc_type"] != want {
			t.Errorf("row %d's document: %d, type %v, want %s", i+1, status, doc["doc_type"], want)
		}
	}
}
