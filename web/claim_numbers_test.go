package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestClaimPageSaysNumbersNotInTheQuotes: a 定性描述 whose 9.6万人, 2.5万项
// and 95% the cited passage does not write (it says 8.6万人 and 1.5万项)
// is saved all the same; its coordinator is told on saving, and the claim
// page says it to the reviewer, in English on English pages; a statement
// whose numbers are quoted says nothing of them.
func TestClaimPageSaysNumbersNotInTheQuotes(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "2018年社区教育工作总结.txt",
		"杭州市2018年社区教育工作总结。市民学分银行累计注册学员8.6万人，完成学习成果认定与转换1.5万项。")
	wang, li := s.login("wang"), s.login("li")
	const zh = "定性描述中有 3 个数字未在引文中找到：9.6万人、2.5万项、95%，请核对"
	const en = "3 numbers of the claim are not in its quotes: 96,000 people, 25,000 items, 95%; check the claim against its quotes"
	save := func(statement string) (path, page string) {
		t.Helper()
		resp, page := wang.post("/claims", url.Values{"indicator": {"2.3.2"}, "statement": {statement},
			"document_id": {d.ID}, "page": {"1"}, "quote": {"市民学分银行累计注册学员8.6万人，完成学习成果认定与转换1.5万项"}})
		if !strings.HasPrefix(resp.Request.URL.Path, "/claims/") {
			t.Fatalf("saving %q: %s %.800s", statement, resp.Request.URL, textOf(page))
		}
		return resp.Request.URL.Path, page
	}
	wrong, page := save("我市市民学分银行累计注册学员9.6万人，完成学习成果认定与转换2.5万项，社区学校覆盖率95%。")
	if !strings.Contains(textOf(page), zh) {
		t.Errorf("saving the claim: %.1500s, want %s", textOf(page), zh)
	}
	_, page = li.get(wrong)
	if !strings.Contains(page, `<strong class="error number-warning" role="note">`+zh+`</strong>`) {
		t.Errorf("the reviewer's claim page: %.1500s, want %s", textOf(page), zh)
	}
	li.english()
	if _, page = li.get(wrong); !strings.Contains(page, en) {
		t.Errorf("the English claim page: %.1500s, want %s", textOf(page), en)
	}
	right, page := save("我市市民学分银行累计注册学员8.6万人，完成学习成果认定与转换1.5万项。")
	if _, page = wang.get(right); strings.Contains(page, "number-warning") {
		t.Errorf("a claim whose numbers are quoted: %.1500s, want no warning about them", textOf(page))
	}
}
