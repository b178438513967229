package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// creditBank is a two-page work summary: 学分银行 on page 1, the year's
// figure on page 2.
const creditBank = "杭州市学分银行建设情况\n市民终身学习学分银行已建立。\f全年存入学习成果45.3万条。"

// threeCitations writes wang's claim citing creditBank's page 1 three
// times: a quote found there, one on page 2, one nowhere (OCR read 甚
// for 其).
func threeCitations(t *testing.T, s *site) (*catalog.Claim, *catalog.Document) {
	t.Helper()
	doc := s.env.Upload("330100", "学分银行.txt", creditBank)
	c, err := s.env.Claims.Create(context.Background(), &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"},
		claims.Input{Indicator: "2.3.1", Statement: "杭州市已建立市民终身学习学分银行",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "学分银行已建立"},
				{DocumentID: doc.ID, Page: 1, Quote: "全年存入学习成果45.3万条"},
				{DocumentID: doc.ID, Page: 1, Quote: "其学习成果均可存入"}}})
	if err != nil {
		t.Fatal(err)
	}
	return c, doc
}

// The claim's page shows each citation's quote as its coordinator typed
// it (引文：…), found or not, to its reviewer and its coordinator, in
// both languages; a quote found on another page than the one cited leads
// there: the probe found the quote nowhere on the page where the
// verdict is given, and citation 2's heading leading to page 1.
func TestClaimPageShowsEachCitationsQuote(t *testing.T) {
	s := newSite(t)
	c, doc := threeCitations(t, s)
	for _, tt := range []struct {
		user, lang, label string
	}{{"li", "zh", "引文\uFF1A"}, {"wang", "zh", "引文\uFF1A"}, {"li", "en", "Quote: "}, {"wang", "en", "Quote: "}} {
		b := s.login(tt.user)
		if tt.lang == "en" {
			b.english()
		}
		_, body := b.get("/claims/" + c.ID)
		page := html.UnescapeString(body)
		for n, quote := range map[string]string{"1": "学分银行已建立", "2": "全年存入学习成果45.3万条", "3": "其学习成果均可存入"} {
			if want := `id="quote-` + n + `"><strong>` + tt.label + `</strong>` + quote; !strings.Contains(page, want) {
				t.Errorf("%s (%s): citation %s's quote: want %q: %.3000s", tt.user, tt.lang, n, want, textOf(body))
			}
		}
		for n, shown := range map[string]string{"1": "1", "2": "2", "3": "1"} {
			card := page[strings.Index(page, `id="citation-`+n+`"`):]
			if want := `href="/documents/` + doc.ID + `?page=` + shown + `"`; !strings.Contains(card[:strings.Index(card, "</h3>")], want) {
				t.Errorf("%s (%s): citation %s's heading: want a link to page %s: %.400s", tt.user, tt.lang, n, shown, card)
			}
		}
	}
}

// The notice after a citation is added says where its quote is, as its
// card does: on page 2 when it is there (the probe's notice said not on
// page 1 or elsewhere), nowhere only when it is nowhere.
func TestCitationAddedNoticeSaysOnWhichPage(t *testing.T) {
	s := newSite(t)
	c, doc := threeCitations(t, s)
	for _, tt := range []struct {
		name, quote, english string
		want, not            string
	}{
		{"on another page", "学习成果45.3万条", "", "但第 4 条引用的引文不在第 1 页\uFF0C在第 2 页\uFF0C请核对页码", "及其他页中找到"},
		{"on another page, English", "存入学习成果", "en", "But the quote of citation 5 is not on page 1 but on page 2: check the page number", "or elsewhere"},
		{"nowhere", "全年存入学习成果50万条", "", "但第 6 条引用的引文未在文档第 1 页及其他页中找到", "在第 2 页"},
	} {
		b := s.login("wang")
		if tt.english != "" {
			b.english()
		}
		resp, body := b.post("/claims/"+c.ID+"/citations", url.Values{"document_id": {doc.ID}, "page": {"1"}, "quote": {tt.quote}})
		text := html.UnescapeString(body)
		if resp.StatusCode != 200 || !strings.Contains(text, tt.want) || strings.Contains(textOf(text[:strings.Index(text, `id="cith"`)]), tt.not) {
			t.Errorf("%s: %d, want the notice %q without %q: %.1500s", tt.name, resp.StatusCode, tt.want, tt.not, textOf(body))
		}
	}
}

// Removing a citation of a claim that has a verdict asks first, saying
// the verdict will be cleared; the citations left keep their numbers and
// one added after takes a new one, so the reviewer's 第3条 still names
// the citation it meant. A pending claim's citation goes at once.
func TestRemovingACitationOfAJudgedClaimAsksFirst(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	c, doc := threeCitations(t, s)
	pending, _ := threeCitations(t, s)
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if _, err := s.env.Claims.Review(ctx, li, c.ID, "insufficient", "第3条引文在原文中未找到，第2条页码有误"); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	for _, tt := range []struct {
		name  string
		claim string
		asks  bool
	}{{"judged", c.ID, true}, {"pending", pending.ID, false}} {
		_, body := wang.post("/claims/"+tt.claim+"/citations/2/delete", url.Values{})
		text := html.UnescapeString(textOf(body))
		asked := strings.Contains(text, "删除引用将清除这一结论")
		if asked != tt.asks {
			t.Errorf("%s claim: asked to confirm %v, want %v: %.1500s", tt.name, asked, tt.asks, text)
		}
		got, err := s.env.Claims.Get(ctx, &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}, tt.claim)
		if err != nil {
			t.Fatal(err)
		}
		if tt.asks && (len(got.Citations) != 3 || got.Status != catalog.ClaimInsufficient ||
			!strings.Contains(text, "证据不足") || !strings.Contains(text, "第 2 条《") || !strings.Contains(text, "》第 1 页“全年存入学习成果45.3万条”")) {
			t.Errorf("%s claim before confirming: %d citations, %s; want 3, insufficient, the page naming the verdict and citation 2: %.1500s",
				tt.name, len(got.Citations), got.Status, text)
		}
		if !tt.asks && len(got.Citations) != 2 {
			t.Errorf("%s claim: %d citations after one click, want 2", tt.name, len(got.Citations))
		}
	}
	resp, body := wang.post("/claims/"+c.ID+"/citations/2/delete", url.Values{"confirm": {"1"}})
	if resp.StatusCode != 200 || !strings.Contains(body, `id="citation-3"`) || strings.Contains(body, `id="citation-2"`) {
		t.Fatalf("confirmed: %d, want citations 1 and 3 left: %.1500s", resp.StatusCode, textOf(body))
	}
	if i := strings.Index(body, `id="citation-3"`); !strings.Contains(html.UnescapeString(body[i:i+1500]), "其学习成果均可存入") {
		t.Errorf("citation 3 after removing 2 is not the one the reviewer's 第3条 meant: %.600s", body[i:])
	}
	wang.post("/claims/"+c.ID+"/citations", url.Values{"document_id": {doc.ID}, "page": {"2"}, "quote": {"学习成果45.3万条"}})
	got, err := s.env.Claims.Get(ctx, li, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []int
	for _, t := range got.Citations {
		numbers = append(numbers, t.Number)
	}
	if len(numbers) != 3 || numbers[0] != 1 || numbers[1] != 3 || numbers[2] != 4 || got.Status != catalog.ClaimPending {
		t.Errorf("after removing 2 and adding one: numbers %v, %s; want [1 3 4], pending", numbers, got.Status)
	}
}

// The claim's 处理记录 names what each change cited or stopped citing:
// the probe found only “wang · 删除引用”.
func TestClaimHistoryNamesTheCitations(t *testing.T) {
	s := newSite(t)
	c, _ := threeCitations(t, s)
	wang := s.login("wang")
	wang.post("/claims/"+c.ID+"/citations/2/delete", url.Values{})
	for _, tt := range []struct{ lang, want string }{
		{"zh", "wang · 删除引用\uFF1A第 2 条《"},
		{"zh", "》第 1 页“全年存入学习成果45.3万条”"},
		{"zh", "第 1 条《"},
		{"en", "; citation 3, “"},
		{"en", "” page 1: “其学习成果均可存入”"},
	} {
		b := s.login("li")
		if tt.lang == "en" {
			b.english()
		}
		_, body := b.get("/claims/" + c.ID)
		hist := html.UnescapeString(body[strings.Index(body, `class="history"`):])
		if !strings.Contains(hist, tt.want) {
			t.Errorf("%s history: want %q: %.1500s", tt.lang, tt.want, textOf(hist))
		}
	}
}
