package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// longName is a file name as offices send them, with no place to wrap:
// the widest thing a page shows of a document.
const longName = "Hangzhou_Learning_City_Monitoring_Evidence_2018_final_revised_version_for_provincial_review.txt"

// TestMainPagesFitAPhone opens the main pages at 375×812, in Chinese and
// in English — 上传 with a file chosen and sent, 我的任务 after a hand-in
// and after handing in a stored file, 检索, a document's page, an
// indicator's page and 审核 — each showing documents named with no place
// to wrap (longName), and checks that none is wider than the screen (the
// root element's scrollWidth beyond its clientWidth), naming what sticks
// out.
func TestMainPagesFitAPhone(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师 0571-85251234\n")
	const text = "杭州市学分银行建设实施方案：建立市民终身学习账户，推进学习成果认证、积累与转换。"
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "policy", "doc_number": "杭教职成〔2018〕123456789号",
		"title": "Hangzhou-Learning-City-Credit-Bank-Implementation-Plan-2018-final"}, upload{name: longName, body: []byte(text)})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(id)
	if status, out := s.send("POST", "/api/v1/links", fmt.Sprintf(`{"document_id":%q,"indicator":"2.3.1","page":1}`, id)); status != 201 {
		t.Fatalf("link: %d %v", status, out)
	}
	if status, out := s.send("POST", "/api/v1/claims", fmt.Sprintf(`{"city":"330100","indicator":"2.3.1","statement":"杭州市建立了学分银行",
		"citations":[{"document_id":%q,"page":1,"quote":"建立市民终身学习账户"}]}`, id)); status != 201 {
		t.Fatalf("claim: %d %v", status, out)
	}
	handIn := filepath.Join(t.TempDir(), "Credit_Bank_Pilot_Schools_Work_Summary_of_the_Education_Bureau_2018.txt")
	if err := os.WriteFile(handIn, []byte("杭州市教育局学分银行试点学校工作总结：试点学校12所。"), 0o644); err != nil {
		t.Fatal(err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.do("a phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))

	// English words are longer than Chinese ones and wrap only at spaces.
	for _, lang := range []string{"zh", "en"} {
		at := " (" + lang + ")"
		u.login(s.base, "jiaoyu", pw)
		u.do("language"+at, chromedp.Navigate(s.base+"/lang?to="+lang+"&next=/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
		if lang == "zh" {
			u.do("hand in", chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{handIn}),
				chromedp.Evaluate[chromedp.Void](`document.querySelector('article.task form:has(input[type=file]) button[type=submit]').click()`))
			u.waitFor("the hand-in listed", `document.querySelectorAll('article.task .docstatus').length === 1`)
		}
		u.fitsTheWidth("我的任务 after a hand-in" + at)
		// The same file again: 我的任务 names the stored file it is.
		u.do("hand in again"+at, chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{handIn}),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('article.task form:has(input[type=file]) button[type=submit]').click()`))
		u.waitFor("the stored file named", `document.querySelectorAll('article.task .duplicates li').length === 1`)
		u.fitsTheWidth("我的任务 after handing in a stored file" + at)
		u.logout()

		u.login(s.base, "wang", pw)
		u.do("上传 with a file chosen"+at, chromedp.Navigate(s.base+"/lang?to="+lang+"&next=/upload"), chromedp.WaitVisible(css(`#files`)),
			chromedp.SetUploadFiles(css(`#files`), []string{handIn}))
		u.waitFor("its row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
		u.fitsTheWidth("上传 with a file chosen" + at)
		u.do("upload"+at, chromedp.SetValue(css(`#doc_type`), "work_summary"), chromedp.Click(css(`#upload-submit`)))
		u.waitFor("its outcome", `document.querySelectorAll('#outcomes li[data-kind="duplicate"] .docstatus').length === 1`)
		u.fitsTheWidth("上传 with a stored file sent" + at)
		for _, p := range []struct{ name, path, ready string }{
			{"检索", "/search?q=学分银行", `.hit`},
			{"a document's page", "/documents/" + id, `.pagetext`},
			{"an indicator's page", "/indicators/2.3.1?city=330100", `main h1`},
			{"审核", "/review", `.claim-row a`},
		} {
			u.do("open "+p.name+at, chromedp.Navigate(s.base+p.path), chromedp.WaitVisible(css(p.ready)))
			u.fitsTheWidth(p.name + at)
		}
		u.logout()
	}
}
