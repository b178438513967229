package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestNewVersionNoticesInARealBrowser: 杭州's coordinator uploads the
// issued notice when its 征求意见稿 (policy.txt, 2018) is kept. While the
// upload page follows the file it says, once the text is read, 与《…》
// （policy.txt，2018年度）内容相近. On the new document's page the same
// notice heads the page until he dismisses it (知道了，本文档不再提示):
// then it stays away on that page, reloaded, while the draft's page
// still shows its own; a third version brings it back.
func TestNewVersionNoticesInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}})
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "policy", "round": "2018"},
		upload{name: "policy.txt", body: []byte(testenv.NoticeDraft)})
	if status != 201 {
		t.Fatalf("upload the draft: %d %v", status, body)
	}
	draft := s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	final := filepath.Join(t.TempDir(), "policy_final.txt")
	if err := os.WriteFile(final, []byte(testenv.NoticeFinal), 0o644); err != nil {
		t.Fatal(err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	u.do("upload the issued notice", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{final}), chromedp.SetValue(css(`#doc_type`), "policy"),
		chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the row followed until indexed", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 1`)
	u.waitFor("the row's version line", `!!(document.querySelector('#outcomes li .versions-notice') || {}).textContent`)
	want := "与《" + draft["title"].(string) + "》\uFF08policy.txt\uFF0C2018年度\uFF09内容相近"
	if line := u.text(`#outcomes li .versions-notice`); !strings.Contains(line, want) {
		t.Errorf("the upload's version line %q, want %q", line, want)
	}
	href := u.attr(`#outcomes li a[href^="/documents/"]`, "href")

	shown := func(page string) bool {
		u.t.Helper()
		u.do("open "+page, chromedp.Navigate(s.base+page), chromedp.WaitVisible(css(`main h1`)))
		u.waitFor("the page's scripts", `document.readyState === 'complete'`)
		return eval[bool](u, `(function () { var n = document.getElementById('versions-notice'); return !!n && n.checkVisibility(); })()`)
	}
	if !shown(href) {
		t.Fatalf("the new version's page does not head with its notice")
	}
	if n := u.text(`#versions-notice`); !strings.Contains(n, want) {
		t.Errorf("the page's notice %q, want %q", n, want)
	}
	if !eval[bool](u, `!!document.querySelector('#versions-notice [data-dismiss-button]:not([hidden])')`) {
		t.Fatalf("the notice has no button to dismiss it: %q", u.text(`#versions-notice`))
	}
	u.do("dismiss it", chromedp.Click(css(`#versions-notice [data-dismiss-button]`)))
	if eval[bool](u, `document.getElementById('versions-notice').checkVisibility()`) {
		t.Errorf("the notice is still shown once dismissed")
	}
	if shown(href) {
		t.Errorf("the notice dismissed shows again on the page reloaded")
	}
	if !shown("/documents/" + draft["id"].(string)) {
		t.Errorf("the draft's notice went with the new version's: dismissing is per document")
	}

	status, body = s.upload(map[string]string{"city": "330100", "doc_type": "policy", "round": "2018"},
		upload{name: "policy_v3.txt", body: []byte(testenv.NoticeFinal + "\n附：活动周各区县联系人名单。")})
	if status != 201 {
		t.Fatalf("upload a third version: %d %v", status, body)
	}
	s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	if !shown(href) {
		t.Errorf("a third version does not bring the dismissed notice back")
	} else if n := u.text(`#versions-notice`); !strings.Contains(n, "policy_v3.txt") {
		t.Errorf("the notice shown again %q does not name policy_v3.txt", n)
	}
}
