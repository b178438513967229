package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestUploadStatusEndsInTheFullWordsInARealBrowser: the city's
// coordinator uploads on the upload page a department's phone photo of
// its activities blurred past reading, while other files hold the
// readers, so its row follows it being read.
// OCR reads it with low confidence; the row says so without a reload
// (可检索，但文字识别不可靠（置信度 …）：请重新拍照或上传原件), the words
// 我的任务 and the document's page show. Sent again, the photo is a
// duplicate already read, whose row ends in those words too. Before, the
// upload page built its own words from the status and said plain 可检索.
func TestUploadStatusEndsInTheFullWordsInARealBrowser(t *testing.T) {
	testfiles.Program(t, "tesseract", "apt-get install tesseract-ocr tesseract-ocr-chi-sim")
	s, server := startServerWithSandbox(t)
	// The walk's deadline starts once the server is up: a busy machine
	// may take a while to start it.
	u := ui{t: t, ctx: newBrowser(t)}
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2099-03-31,张老师 0571-85251234\n")
	photo := blurredPhoto(t)
	// Other readings hold the whole budget: the photo waits to be read.
	release := holdReadersBudget(t, server)

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	const want = "可检索，但文字识别不可靠（置信度"
	ended := `(function () {
		var e = document.querySelector('#outcomes .docstatus');
		return !!e && e.dataset.status === 'indexed' && e.textContent.indexOf('` + want + `') >= 0;
	})()`
	u.login(s.base, "wang", pw)
	upload := func(what string) {
		u.do(what, chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
			chromedp.SetUploadFiles(css(`#files`), []string{photo}), chromedp.SetValue(css(`#doc_type`), "other"))
		u.waitFor("the photo's row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
		eval[bool](u, `window.sameView = true`)
		u.do("upload "+what, chromedp.Click(css(`#upload-submit`)))
	}
	upload("the photo")
	u.waitFor("the photo stored, waiting to be read", `(function () {
		var e = document.querySelector('#outcomes .docstatus');
		return !!e && e.dataset.status === 'stored';
	})()`)
	release()
	u.waitFor("the photo's row says its text recognition is unreliable", ended)
	if !eval[bool](u, `window.sameView === true`) {
		t.Fatal("the page was loaded again: the words must come without a reload")
	}
	if live := u.text(`#outcomes .docstatus`); !strings.Contains(live, "请重新拍照或上传原件") {
		t.Errorf("the row's line %q does not say what to do", live)
	}

	// The same photo again: stored already and read, the upload's answer
	// says indexed, and its row asks for the words once.
	upload("the photo again")
	u.waitFor("the copy's row says its text recognition is unreliable", ended)
	if kind := u.attr(`#outcomes li`, "data-kind"); kind != "duplicate" {
		t.Errorf("the copy's row is %q, want duplicate", kind)
	}
}
