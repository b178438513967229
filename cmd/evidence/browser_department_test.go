package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestUploadFormHoldsTheDepartmentToTheCityList: on the upload page 杭州's
// coordinator types a 责任单位 that is not on the city's list (市教委, not
// 市教育局). Nothing is stored: the field is marked, beside it the refusal
// says the list has no such name and what to do, and the file's row says
// it was not sent. The name corrected from the list, the same file is
// stored under 市教育局.
func TestUploadFormHoldsTheDepartmentToTheCityList(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n1.3.2,市人社局,2099-04-15,李科长\n")
	file := filepath.Join(t.TempDir(), "学分银行工作总结.txt")
	if err := os.WriteFile(file, []byte("杭州市学分银行工作总结：全市学分银行累计开户学习者12000人。"), 0o644); err != nil {
		t.Fatal(err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	u.do("upload under a name off the list", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{file}), chromedp.SetValue(css(`#doc_type`), "work_summary"),
		chromedp.SendKeys(css(`#department`), "市教委"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the refusal beside 责任单位", `!!document.getElementById('up-dept-err')`)
	if msg := u.text(`#up-dept-err`); !strings.Contains(msg, "责任单位名单中没有“市教委”；请从名单中选择，或先在“责任分解”页的“管理责任单位名单”中添加") {
		t.Errorf("beside 责任单位: %q, want the list's refusal saying what to do", msg)
	}
	if inv := u.attr(`#department`, "aria-invalid"); inv != "true" {
		t.Errorf("the 责任单位 field is not marked invalid (aria-invalid=%q)", inv)
	}
	if row := u.text(`#outcomes li .state`); !strings.Contains(row, "未上传：请改正上面表单中标出的错误，再点“上传”") {
		t.Errorf("the file's row says %q, want that it was not sent and why", row)
	}
	if _, body := s.get("/api/v1/documents", nil); len(body["documents"].([]any)) != 0 {
		t.Fatalf("a document was stored under a name off the list: %v", body["documents"])
	}

	u.do("the name corrected", chromedp.SetValue(css(`#department`), "市教育局"), chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the file stored", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 1`)
	_, body := s.get("/api/v1/documents", nil)
	docs := body["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["department"] != "市教育局" {
		t.Errorf("stored after the correction: %v, want one document of 市教育局", docs)
	}
}
