package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestRestoringADeletedDocumentInARealBrowser: 杭州's coordinator opens
// the page of the 学分银行 rules an admin deleted, presses 恢复, is asked
// first (naming the indicator it is linked to) and confirms: the
// document's own page is back with its link. Deleted again, the same file
// chosen on the upload page is not stored again: its row says it was
// deleted and links to the page that restores it.
func TestRestoringADeletedDocumentInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}, {"boss", "admin"}})
	text := []byte("杭州市学分银行管理办法。第一条 为建立学分银行，推行终身学习护照制度，制定本办法。")
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "policy"}, upload{name: "学分银行管理办法.txt", body: text})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(id)
	if status, body := s.send("POST", "/api/v1/links", fmt.Sprintf(`{"document_id":%q,"indicator":"2.3.1"}`, id)); status != 201 {
		t.Fatalf("link: %d %v", status, body)
	}
	remove := func() {
		t.Helper()
		if status, body := s.send("DELETE", "/api/v1/documents/"+id, ""); status != 200 {
			t.Fatalf("delete: %d %v", status, body)
		}
	}
	remove()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	u.do("the tombstone", chromedp.Navigate(s.base+"/documents/"+id), chromedp.WaitVisible(css(`#tomb-restore`)))
	if got := u.text(`#tomb-restore`); got != "恢复" {
		t.Errorf("the tombstone's button reads %q, want 恢复", got)
	}
	u.do("restore", chromedp.Click(css(`#tomb-restore`)), chromedp.WaitVisible(css(`#confirm`)))
	if q := u.text(`.card`); !strings.Contains(q, "确定恢复这份文档吗") || !strings.Contains(q, "关联的指标：2.3.1") {
		t.Errorf("the question before the restore: %q", q)
	}
	u.do("confirm restore", chromedp.Click(css(`#confirm`)), chromedp.WaitVisible(css(`.flash`)))
	if msg := u.text(`.flash`); !strings.Contains(msg, "已恢复《") || !strings.Contains(msg, "关联的指标 1 项") {
		t.Errorf("after the restore: %q", msg)
	}
	if n := eval[int](u, `document.querySelectorAll('#tomb-restore').length`); n != 0 {
		t.Error("the page after the restore is still the tombstone")
	}
	if page := u.text(`main`); !strings.Contains(page, "2.3.1") {
		t.Errorf("the restored document's page does not show its link to 2.3.1: %q", page)
	}
	if !strings.Contains(u.attr(`#deleteform`, "action"), id) {
		t.Error("the restored document's page offers no 删除 of it")
	}

	remove()
	again := filepath.Join(t.TempDir(), "学分银行管理办法（重传）.txt")
	if err := os.WriteFile(again, text, 0o644); err != nil {
		t.Fatal(err)
	}
	u.do("upload the deleted file again", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{again}),
		chromedp.SetValue(css(`#doc_type`), "policy"),
		chromedp.Click(css(`#uploadform button[type=submit]`)),
		chromedp.WaitVisible(css(`#outcomes a.restore-deleted`)))
	if href := u.attr(`#outcomes a.restore-deleted`, "href"); href != "/documents/"+id {
		t.Errorf("the upload's link to restore goes to %q, want /documents/%s", href, id)
	}
	if row := u.text(`#outcomes li`); !strings.Contains(row, "已删除的文档") || !strings.Contains(row, "由 admin") {
		t.Errorf("the upload's row does not say the file was deleted, and by whom: %q", row)
	}
}
