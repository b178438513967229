package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestUploadPageHandsInForATaskInABrowser: wang, the coordinator, chooses
// 市教育局's task 1.1.1 under 提交到任务 on the upload page; the type of
// document turns to the one the task asks for (政策文件, as 我的任务
// pre-selects it), and the file the page's script sends is handed in for
// the task, its row says so (已提交到任务“1.1.1 市教育局”), and the task is
// submitted with the file on it.
func TestUploadPageHandsInForATaskInABrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2099-03-31,张老师\n")
	plan := filepath.Join(t.TempDir(), "学分银行实施方案.txt")
	if err := os.WriteFile(plan, []byte("杭州市学分银行建设实施方案：建立市民终身学习账户，推进学习成果认证。"), 0o644); err != nil {
		t.Fatal(err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.login(s.base, "wang", pw)
	u.do("the upload page", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#assignment`)))
	chose := eval[string](u, `(function () { var s = document.getElementById('assignment');
		s.selectedIndex = 1; s.dispatchEvent(new Event('change')); return document.getElementById('doc_type').value; })()`)
	if chose != "policy" {
		t.Errorf("choosing task 1.1.1 set the type to %q, want policy (政策文件, as the task asks)", chose)
	}
	u.do("send the file", chromedp.SetUploadFiles(css(`#files`), []string{plan}))
	u.waitFor("a row for the file", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	u.do("upload", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the file stored", `document.querySelectorAll('#outcomes li[data-kind="stored"]').length === 1`)
	if row := u.text(`#outcomes li[data-kind="stored"]`); !strings.Contains(row, "已提交到任务“1.1.1 市教育局”") {
		t.Errorf("the file's row does not say it was handed in for the task: %q", row)
	}
	_, list := s.get("/api/v1/assignments", url.Values{"city": {"330100"}})
	tasks, _ := list["assignments"].([]any)
	if len(tasks) != 1 {
		t.Fatalf("assignments: %v", list)
	}
	a := tasks[0].(map[string]any)
	if docs, _ := a["documents"].([]any); a["status"] != "submitted" || len(docs) != 1 {
		t.Errorf("task 1.1.1 after the upload: %v %v, want submitted with the file", a["status"], a["documents"])
	}
}
