package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestVerdictRevisedInARealBrowser walks a reviewer re-reading a claim
// whose city changed it after a verdict, then correcting the verdict
// (probe s39 findings 2 and 3): 处理记录 says which verdict the change
// cleared and what the statement was; 改判 under the verdict asks to
// confirm, naming both verdicts, and its line in 处理记录 names them.
func TestVerdictRevisedInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	s.addAccounts(pw, [][]string{{"li", "reviewer"}})
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary"},
		upload{name: "社区学校.txt", body: []byte("杭州市社区教育工作总结\f全市建成社区学校120所，覆盖全部街道。")})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	doc := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(doc)
	status, body = s.send("POST", "/api/v1/claims", fmt.Sprintf(`{"city":"330100","indicator":"1.1.2","statement":"全市建成社区学校1200所",
		"citations":[{"document_id":%q,"page":2,"quote":"全市建成社区学校120所"}]}`, doc))
	if status != 201 {
		t.Fatalf("claim: %d %v", status, body)
	}
	id := body["claim"].(map[string]any)["id"].(string)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "li", pw)
	// 1200所 is not in the quote: 属实 needs a reason.
	u.do("verify", chromedp.Navigate(s.base+"/claims/"+id), chromedp.WaitVisible(css(`#reviewform`)),
		chromedp.Click(css(`#reviewform input[value="verified"]`)), chromedp.SendKeys(css(`#comment`), "数字与引文不符，暂按属实记录"),
		chromedp.Click(css(`#reviewform button[type=submit]`)),
		chromedp.WaitVisible(css(`#claim-status[data-status="verified"]`)))
	// The city corrects its number: back to review.
	if status, body := s.send("PATCH", "/api/v1/claims/"+id, `{"statement":"全市建成社区学校120所"}`); status != 200 {
		t.Fatalf("edit: %d %v", status, body)
	}
	u.do("re-read", chromedp.Navigate(s.base+"/claims/"+id), chromedp.WaitVisible(css(`#reviewform`)))
	history := u.text(`ol.history`)
	for _, want := range []string{"（原审核结论“属实”随之失效，需重新审核）", "原为“全市建成社区学校1200所”，改为“全市建成社区学校120所”"} {
		if !strings.Contains(history, want) {
			t.Errorf("处理记录 lacks %q: %s", want, history)
		}
	}
	u.do("verify again", chromedp.Click(css(`#reviewform input[value="verified"]`)), chromedp.Click(css(`#reviewform button[type=submit]`)),
		chromedp.WaitVisible(css(`#claim-status[data-status="verified"]`)))
	if eval[bool](u, `!!document.querySelector('#reviewform')`) {
		t.Errorf("a verdict form is offered on a verified claim")
	}
	u.do("改判", chromedp.Click(css(`#revise summary`)), chromedp.WaitVisible(css(`#reviseform`)),
		chromedp.Click(css(`#reviseform input[value="contradicted"]`)),
		chromedp.SendKeys(css(`#revise-comment`), "原文第2页为120所，但覆盖街道数未写明，与定性描述不符"),
		chromedp.Click(css(`#reviseform button[type=submit]`)), chromedp.WaitVisible(css(`#confirm`)))
	if q := u.text(`main .card`); !strings.Contains(q, "确定将审核结论由“属实”改为“与证据矛盾”吗？") {
		t.Errorf("the confirmation says %q, want both verdicts named", q)
	}
	u.do("confirm", chromedp.Click(css(`#confirm`)), chromedp.WaitVisible(css(`#claim-status[data-status="contradicted"]`)))
	if history := u.text(`ol.history`); !strings.Contains(history, "li · 改判定性描述 · 由“属实”改为“与证据矛盾”") {
		t.Errorf("处理记录 lacks the revision: %s", history)
	}
}
