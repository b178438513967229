package main

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestValuesPageContextAndLastRoundInARealBrowser: a reviewer opens
// 审核定量指标数值 for 2018 in Chromium. The value carried from 2017,
// where a reviewer found it 与证据矛盾, is marked 上一轮（2017年度）：与证据
// 矛盾 beside last round's value; the value recorded for 2018 shows its
// number marked in the sentence of the page it stands in, and the page
// link there opens the document at that page.
func TestValuesPageContextAndLastRoundInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	coord := addUser(t, s.dataDir, "--name", "wang", "--role", "coordinator", "--city", "330100", "--password", pw)
	s.addAccounts(pw, [][]string{{"li", "reviewer"}})
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary", "round": "2017"},
		upload{name: "学分银行工作总结.txt", body: []byte("杭州市学分银行工作总结\n全市学分银行累计开户学习者12000人，市委市政府十分重视终身学习，" +
			"认定市民终身学习基地123个，覆盖全部区县（市）。")})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	doc := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(doc)
	as := func(token, method, path, body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		code, m := s.do(req)
		if code/100 != 2 {
			t.Fatalf("%s %s: %d %v", method, path, code, m)
		}
		return m
	}
	value := func(round, code, v, quote string) string {
		m := as(coord, "POST", "/api/v1/values", `{"city":"330100","round":`+round+`,"indicator":"`+code+`","value":"`+v+
			`","citation":{"document_id":"`+doc+`","page":1,"quote":"`+quote+`"}}`)
		return m["value"].(map[string]any)["id"].(string)
	}
	old := value("2017", "2.3.3", "2万", "学分银行累计开户学习者12000人")
	as("", "POST", "/api/v1/values/"+old+"/reviews", `{"verdict":"contradicted","comment":"原文为12000人"}`)
	as("", "POST", "/api/v1/rounds/2018/carryover", `{"city":"330100"}`)
	fresh := value("2018", "2.2.1", "123", "认定市民终身学习基地123个")
	list := as("", "GET", "/api/v1/values?"+url.Values{"round": {"2018"}, "indicator": {"2.3.3"}}.Encode(), "")
	vs := list["values"].([]any)
	if len(vs) != 1 {
		t.Fatalf("2018 values of 2.3.3: %v, want the one carried", vs)
	}
	carried := vs[0].(map[string]any)["id"].(string)
	// A carried value enters review once the city confirms it (checked:
	// it was found 与证据矛盾 in 2017).
	carries := as(coord, "GET", "/api/v1/carryovers?"+url.Values{"city": {"330100"}, "round": {"2018"}, "state": {"to_confirm"}}.Encode(), "")
	confirmed := false
	for _, c := range carries["carryovers"].([]any) {
		if c := c.(map[string]any); c["object_id"] == carried {
			as(coord, "POST", "/api/v1/carryovers/"+c["id"].(string), `{"action":"confirm","checked":true}`)
			confirmed = true
		}
	}
	if !confirmed {
		t.Fatalf("the carried value %s is not among the carry-overs to confirm: %v", carried, carries)
	}

	u.login(s.base, "li", pw)
	u.do("open the values of 2018", chromedp.Navigate(s.base+"/values?status=pending&round=2018"),
		chromedp.WaitVisible(chromedp.CSS(`#value-`+fresh)))
	if mark := u.text(`#value-` + carried + ` .badge.before`); mark != "上一轮（2017年度）：与证据矛盾" {
		t.Errorf("the value contradicted in 2017 is marked %q, want 上一轮（2017年度）：与证据矛盾", mark)
	}
	if prev := u.text(`#value-` + carried + ` .previous-value`); !strings.Contains(prev, "2万人") || !strings.Contains(prev, "与证据矛盾") {
		t.Errorf("last round's value beside it: %q", prev)
	}
	if got := eval[int](u, `document.querySelectorAll('#value-`+fresh+` .badge.before').length`); got != 0 {
		t.Errorf("the value new in 2018 is marked as contradicted last round")
	}
	if m := u.text(`#value-` + fresh + ` .value-context mark`); m != "123" {
		t.Errorf("the number marked in its sentence: %q, want 123", m)
	}
	if ctx := u.text(`#value-` + fresh + ` .value-context`); !strings.Contains(ctx, "原文：第 1 页") || !strings.Contains(ctx, "十分重视终身学习，认定市民终身学习基地123个，覆盖全部区县（市）。") {
		t.Errorf("the value's place on the page: %q", ctx)
	}
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	u.fitsTheWidth("values at 1280 px")
	u.shot(shots, "values-context")
	u.do("follow the page link", chromedp.Click(chromedp.CSS(`#value-`+fresh+` .value-context a.page`)), chromedp.WaitVisible(chromedp.CSS(`#text`)))
	loc, err := chromedp.Run(u.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/documents/"+doc+"?page=1") {
		t.Errorf("the page link led to %s, want the document at page 1", loc)
	}
}
