package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDocumentsPageInARealBrowser walks the documents page as a coordinator
// fixing his uploads: tick all with the head box, give them a date written
// the Chinese way and a round, see the list say so; type a bad date into a
// document's form and find it kept there with the error beside the field;
// then an admin moves a 宁波 report out of 杭州 and deletes another after
// confirming.
func TestDocumentsPageInARealBrowser(t *testing.T) {
	start := time.Now()
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}, {"boss", "admin"}})
	var ids []string
	for i, text := range []string{"杭州市学分银行建设实施意见。", "杭州市社区教育工作总结。", "宁波市举办全民终身学习活动周。"} {
		status, body := s.upload(map[string]string{"city": "330100", "doc_type": "policy"},
			upload{name: fmt.Sprintf("文件%d.txt", i+1), body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload: %d %v", status, body)
		}
		id := uploadedDocuments(t, body)[0]["id"].(string)
		s.waitDone(id)
		ids = append(ids, id)
	}
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	u.do("documents page", chromedp.Navigate(s.base+"/documents"), chromedp.WaitVisible(css(`#doctable`)))
	if n := eval[int](u, `document.querySelectorAll('#doctable tr.docrow').length`); n != 3 {
		t.Fatalf("the coordinator's list holds %d documents, want 3", n)
	}
	u.do("bulk edit", chromedp.WaitVisible(css(`#select-all`)), chromedp.Click(css(`#select-all`)),
		chromedp.SetValue(css(`#b-type`), "work_summary"),
		chromedp.SendKeys(css(`#b-date`), "2018年3月20日"),
		chromedp.SendKeys(css(`#b-round`), "2018"),
		chromedp.SetValue(css(`#b-indicator`), "2.3.1"),
		chromedp.Click(css(`#bulk-save`)),
		chromedp.WaitVisible(css(`.flash`)))
	if msg := u.text(`.flash`); !strings.Contains(msg, "已修改 3 份文档") {
		t.Errorf("after the bulk edit: %q", msg)
	}
	for _, id := range ids {
		row := u.text(fmt.Sprintf(`tr.docrow[data-id=%q]`, id))
		if !strings.Contains(row, "2018-03-20") || !strings.Contains(row, "工作总结") {
			t.Errorf("row of %s after the bulk edit: %q", id, row)
		}
	}
	u.fitsTheWidth("documents at 1280 px")
	u.shot(shots, "documents")
	u.do("indicator filter", chromedp.Navigate(s.base+"/documents?indicator=2.3.1&sort=issued"), chromedp.WaitVisible(css(`#doctable`)))
	if n := eval[int](u, `document.querySelectorAll('#doctable tr.docrow').length`); n != 3 {
		t.Errorf("documents linked to 2.3.1: %d, want 3", n)
	}

	// A bad date stays in the form, with the error beside it.
	u.do("bad date", chromedp.Navigate(s.base+"/documents/"+ids[0]), chromedp.WaitVisible(css(`#metaform`)),
		chromedp.SetValue(css(`#m-number`), "杭教〔2018〕9号"),
		chromedp.SetValue(css(`#m-date`), "2018年2月30日"),
		chromedp.Click(css(`#metaform button[type=submit]`)),
		chromedp.WaitVisible(css(`#m-date-err`)))
	if v := eval[string](u, `document.querySelector('#m-date').value`); v != "2018年2月30日" {
		t.Errorf("the date field after the error holds %q, want what was typed", v)
	}
	if v := eval[string](u, `document.querySelector('#m-number').value`); v != "杭教〔2018〕9号" {
		t.Errorf("the 文号 field after the error holds %q, want what was typed", v)
	}
	if msg := u.text(`#m-date-err`); !strings.Contains(msg, "不存在") || strings.Contains(msg, "issued_on") {
		t.Errorf("the error beside the date: %q", msg)
	}
	if next := eval[string](u, `document.querySelector('#m-date').nextElementSibling.id`); next != "m-date-err" {
		t.Errorf("the error is not beside the date field (next to it: %q)", next)
	}
	u.shot(shots, "document-bad-date")
	u.do("correct date", chromedp.SetValue(css(`#m-date`), "2018.3.21"), chromedp.Click(css(`#metaform button[type=submit]`)),
		chromedp.WaitVisible(css(`.flash`)))
	if v := eval[string](u, `document.querySelector('#m-date').value`); v != "2018-03-21" {
		t.Errorf("after saving 2018.3.21 the date reads %q", v)
	}
	u.logout()

	// The admin moves the 宁波 report into 宁波 and deletes the summary.
	u.login(s.base, "boss", pw)
	u.do("move", chromedp.Navigate(s.base+"/documents?city=330100"), chromedp.WaitVisible(css(`#doctable`)),
		chromedp.Click(css(fmt.Sprintf(`input.pick[value=%q]`, ids[2]))),
		chromedp.SetValue(css(`#b-city`), "330200"),
		chromedp.Click(css(`#bulk-move`)),
		chromedp.WaitVisible(css(`.flash`)))
	if n := eval[int](u, `document.querySelectorAll('#doctable tr.docrow').length`); n != 2 {
		t.Errorf("杭州 after moving one out: %d documents, want 2", n)
	}
	u.do("delete", chromedp.Click(css(fmt.Sprintf(`input.pick[value=%q]`, ids[1]))),
		chromedp.Click(css(`#bulk-delete`)), chromedp.WaitVisible(css(`#confirm`)))
	if q := u.text(`.confirm-items`); !strings.Contains(q, "社区教育工作总结") {
		t.Errorf("the confirmation names %q", q)
	}
	u.do("confirm delete", chromedp.Click(css(`#confirm`)), chromedp.WaitVisible(css(`.flash`)))
	if msg := u.text(`.flash`); !strings.Contains(msg, "已删除 1 份文档") {
		t.Errorf("after the delete: %q", msg)
	}
	u.do("宁波", chromedp.Navigate(s.base+"/documents?city=330200"), chromedp.WaitVisible(css(`#doctable`)))
	if row := u.text(`#doctable tbody`); !strings.Contains(row, "宁波") {
		t.Errorf("宁波's list after the move: %q", row)
	}
	t.Logf("walk took %s", time.Since(start).Round(time.Millisecond))
}
