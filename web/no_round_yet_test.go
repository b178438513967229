package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The words of catalog.NoRoundYet, in each language.
var noRoundYetWords = map[string]string{
	"zh": "尚未设置监测轮次\uFF0C请管理员先在“系统管理”页的“监测轮次”中新建",
	"en": "No monitoring round is set up yet; an administrator creates one first under Rounds on the Administration page",
}

// TestFormsSayNoRoundIsSetUpYet: in an archive with no monitoring round
// at all, the forms that send their round blank for the current one —
// a claim, a value, carrying the previous round over, adding, importing
// or copying tasks — come back saying that no round is set up yet and
// who creates one, in Chinese and English, where they said "监测轮次 0
// 不存在", "收到“0”" or "0年度之前".
func TestFormsSayNoRoundIsSetUpYet(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行建设情况.txt", "杭州市建立学分银行，认定市民终身学习基地123个。")
	s.env.NoRounds(t)
	for _, lang := range []string{"zh", "en"} {
		wang := s.login("wang")
		if lang == "en" {
			wang.english()
		}
		post := func(path string, form url.Values) func() (*http.Response, string) {
			return func() (*http.Response, string) { return wang.post(path, form) }
		}
		forms := map[string]func() (*http.Response, string){
			"定性描述": post("/claims", url.Values{"city": {"330100"}, "indicator": {"2.3.1"}, "statement": {"杭州市建立了学分银行"},
				"document_id": {doc.ID}, "page": {"1"}, "quote": {"建立学分银行"}, "round": {""}}),
			"数值": post("/documents/"+doc.ID+"/values", url.Values{"indicator": {"2.2.1"}, "value": {"123"}, "round": {""},
				"page": {"1"}, "quote": {"认定市民终身学习基地123个"}}),
			"结转上一轮": post("/carryovers", url.Values{"city": {"330100"}, "round": {""}}),
			"添加任务": post("/assignments", url.Values{"city": {"330100"}, "round": {""}, "indicator": {"2.3.1"}, "department": {"市教育局"},
				"due": {"2030-03-31"}, "next": {"/assignments?city=330100"}}),
			"复制上一轮": post("/assignments/copy", url.Values{"city": {"330100"}, "round": {""}, "due": {"2030-03-31"},
				"next": {"/assignments?city=330100"}}),
			"导入责任分解表": func() (*http.Response, string) {
				a := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "", "next": "/assignments?city=330100"},
					map[string][]byte{"责任分解表.csv": []byte(roundTable)})
				return a.resp, a.body
			},
		}
		for name, send := range forms {
			resp, body := send()
			page := html.UnescapeString(textOf(body))
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, noRoundYetWords[lang]) {
				t.Errorf("%s %s with no round: %d, want 400 saying %q: %.600s", lang, name, resp.StatusCode, noRoundYetWords[lang], page)
			}
			for _, zero := range []string{"监测轮次 0", "“0”", "0年度", "round 0", "before 0"} {
				if strings.Contains(page, zero) {
					t.Errorf("%s %s with no round names a round 0 (%q): %.600s", lang, name, zero, page)
				}
			}
		}
	}
}
