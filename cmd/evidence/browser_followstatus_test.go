package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestTaskStatusEndsInTheFullWordsInARealBrowser: 市教育局 hands in a
// phone photo of its activities blurred past reading while other files
// hold the readers (so 我的任务 shows it waiting, followed live). Read,
// OCR reads it with low confidence; the line beside it says so without a
// reload (可检索，但文字识别不可靠（置信度 …）：请重新拍照或上传原件), the same
// words a reload shows. Before, the live update said plain 可检索 until
// the page was reloaded.
func TestTaskStatusEndsInTheFullWordsInARealBrowser(t *testing.T) {
	testfiles.Program(t, "tesseract", "apt-get install tesseract-ocr tesseract-ocr-chi-sim")
	u := ui{t: t, ctx: newBrowser(t)}
	s, server := startServerWithSandbox(t)
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2099-03-31,张老师 0571-85251234\n")
	photo := blurredPhoto(t)
	// Other readings hold the whole budget: the photo waits to be read.
	release := holdReadersBudget(t, server)

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.login(s.base, "jiaoyu", pw)
	u.do("我的任务", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
	u.do("hand in the photo", chromedp.SetUploadFiles(css(`article.task input[type=file]`), []string{photo}),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('article.task form:has(input[type=file]) button[type=submit]').click()`))
	u.waitFor("the photo listed, waiting to be read and followed",
		`document.readyState === 'complete' && document.querySelector('article.task .docstatus[data-follow]') !== null`)
	eval[bool](u, `window.sameView = true`)
	release()

	const want = "可检索，但文字识别不可靠（置信度"
	u.waitFor("the photo's line says its text recognition is unreliable", `(function () {
		var e = document.querySelector('article.task .docstatus');
		return !!e && e.dataset.status === 'indexed' && e.textContent.indexOf('`+want+`') >= 0;
	})()`)
	live := u.text(`article.task .docstatus`)
	if !eval[bool](u, `window.sameView === true`) {
		t.Fatal("the page was loaded again: the words must come without a reload")
	}
	u.do("我的任务 again", chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task .docstatus`)))
	if again := u.text(`article.task .docstatus`); again != live {
		t.Errorf("the line shown live is %q, a reload shows %q: want the same words", live, again)
	}
	if !strings.Contains(live, "请重新拍照或上传原件") {
		t.Errorf("the line %q does not say what to do", live)
	}
}
