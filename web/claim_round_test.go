package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestClaimFormTakesItsRound: the web claim form writes a 定性描述 for the
// round chosen, not only the current one; a round that is no year comes
// back beside its field with the statement kept, and is never taken for
// the current round; the round is read by the rule of a value's
// (catalog.ParseRound).
func TestClaimFormTakesItsRound(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	if _, body := wang.get("/claims/new?indicator=2.3.1&round=2017"); !strings.Contains(body, `name="round" inputmode="numeric" value="2017"`) {
		t.Fatalf("the claim form has no round field: %.800s", textOf(body))
	}
	form := func(round string) url.Values {
		return url.Values{"indicator": {"2.3.1"}, "round": {round}, "statement": {"杭州市2017年建立学分银行"},
			"document_id": {doc.ID}, "page": {"1"}, "quote": {"建立学分银行"}}
	}
	for _, tt := range []struct{ round, want string }{
		{"2017年度", "监测轮次应为 2000 至 2100 年间的年份\uFF08如 2018\uFF09\uFF0C或留空表示本轮"},
		// The rule of a value's round (catalog.ParseRound): 0 is no year,
		// as on the value form beside it, and 1999 none a round may be.
		{"0", "监测轮次应为 2000 至 2100 年间的年份"},
		{"1999", "监测轮次应为 2000 至 2100 年间的年份"},
		// What to do, as an upload's round says: the coordinator cannot add a round.
		{"2035", "监测轮次 2035 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加"},
	} {
		resp, body := wang.post("/claims", form(tt.round))
		if resp.StatusCode != 400 || !strings.Contains(body, `id="n-round-err">`+tt.want) || !strings.Contains(body, "杭州市2017年建立学分银行") {
			t.Errorf("round %q: %d, want 400 saying %q beside the round, the statement kept: %.1200s", tt.round, resp.StatusCode, tt.want, textOf(body))
		}
	}
	if list, _ := s.env.Claims.List(context.Background(), testenv.Admin, catalog.ClaimFilter{City: "330100"}); len(list) != 0 {
		t.Fatalf("a refused claim was stored: %+v", list)
	}
	if resp, body := wang.post("/claims", form("2017")); resp.StatusCode != 200 || !strings.Contains(resp.Request.URL.Path, "/claims/") {
		t.Fatalf("a claim for 2017: %d at %s: %.600s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	list, err := s.env.Claims.List(context.Background(), testenv.Admin, catalog.ClaimFilter{City: "330100"})
	if err != nil || len(list) != 1 || list[0].Round != 2017 {
		t.Errorf("claims after writing one for 2017: %+v %v, want one in round 2017", list, err)
	}
}

// TestCarriedClaimShowsItsEarlierVerdict: a 定性描述 verified in 2017 and
// carried into 2018 shows, on its 2018 page, the 2017 claim it came from
// with the 2017 verdict and the reviewer's comment, so the reviewer of
// 2018 sees what was decided then; the 2017 claim keeps its verdict.
func TestCarriedClaimShowsItsEarlierVerdict(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	old, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市2017年建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, li, old.ID, "verified", "有正式文件"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, testenv.Admin, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	carried, err := s.env.Claims.List(ctx, testenv.Admin, catalog.ClaimFilter{City: "330100", Round: 2018})
	if err != nil || len(carried) != 1 {
		t.Fatalf("claims of 2018 after the carry-over: %+v %v", carried, err)
	}
	reviewer := s.login("li")
	_, page := reviewer.get("/claims/" + carried[0].ID)
	text := textOf(page)
	for _, want := range []string{"结转自 2017年度的定性描述", "属实", "有正式文件", "上一轮的定性描述及其审核结论保持不变"} {
		if !strings.Contains(text, want) {
			t.Errorf("the carried claim's page does not show %q: %.2000s", want, text)
		}
	}
	if !strings.Contains(page, `href="/claims/`+old.ID+`"`) {
		t.Errorf("the carried claim's page does not link to the 2017 claim")
	}
	if _, page := reviewer.get("/claims/" + old.ID); strings.Contains(page, `id="carried-from"`) {
		t.Errorf("the 2017 claim, written in its round, says it was carried")
	}
}

// TestHeatMapOpensOnTheCurrentRound: 杭州's 2.3.1 was verified in 2017;
// in 2018, the current round, nothing is recorded yet. The heat map opens
// on 2018 and shows the gap; 2017 and 全部 still show the verdict.
func TestHeatMapOpensOnTheCurrentRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市2017年建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, c.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	expert := s.login("zhou")
	cell := func(path string) string {
		t.Helper()
		_, body := expert.get(path)
		m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no heat-map cell for 2.3.1 in 杭州: %.300s", path, textOf(body))
		}
		return html.UnescapeString(m[1])
	}
	for _, tt := range []struct{ path, want string }{
		{"/indicators", "2.3.1 杭州\uFF1A缺少佐证"},
		{"/indicators?round=2018", "2.3.1 杭州\uFF1A缺少佐证"},
		{"/indicators?round=2017", "2.3.1 杭州\uFF1A属实"},
		{"/indicators?round=", "2.3.1 杭州\uFF1A属实"},
	} {
		if got := cell(tt.path); got != tt.want {
			t.Errorf("%s: 杭州 2.3.1 reads %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestLinkAnEarlierDocumentForThisRound: on the page of a 2017 document,
// the coordinator links it to 2.3.2 for 2018 (计入监测轮次). It counts in
// 2018's heat map; 2017's stays as it was; the document stays in 2017.
func TestLinkAnEarlierDocumentForThisRound(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡,建立个人学习档案。")
	wang := s.login("wang")
	_, page := wang.get("/documents/" + doc.ID)
	if !strings.Contains(page, `name="round"`) || !strings.Contains(page, "2017年度（文档所属轮次）") {
		t.Fatalf("the link form offers no round: %.1500s", textOf(page))
	}
	resp, page := wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.2"}, "round": {"2018"}})
	if resp.StatusCode != 200 || !strings.Contains(page, "计入 2018年度（不改变文档所属轮次）") {
		t.Fatalf("linking for 2018: %d %.800s", resp.StatusCode, textOf(page))
	}
	expert := s.login("zhou")
	cell := func(path string) string {
		t.Helper()
		_, body := expert.get(path)
		m := regexp.MustCompile(`href="/indicators/2\.3\.2\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no heat-map cell for 2.3.2 in 杭州", path)
		}
		return html.UnescapeString(m[1])
	}
	if got := cell("/indicators?round=2018"); got != "2.3.2 杭州\uFF1A1 份材料" {
		t.Errorf("2018 heat map 2.3.2: %q, want 1 document", got)
	}
	if got := cell("/indicators?round=2017"); got != "2.3.2 杭州\uFF1A缺少佐证" {
		t.Errorf("2017 heat map 2.3.2: %q, want the gap it had", got)
	}
	if d, err := s.env.Catalog.Document(context.Background(), doc.ID); err != nil || d.Round != "2017" {
		t.Errorf("the document's round after linking it for 2018: %v %v, want 2017", d, err)
	}
}

// TestClaimSavedSaysItsQuoteWasNotFound: a 定性描述 whose quote is not in
// the cited document is saved (the reviewer returns it), but the notice
// after saving says so at once, naming the citation and its page; one
// whose quote is found says only that it waits for review. A citation
// added later is told the same.
func TestClaimSavedSaysItsQuoteWasNotFound(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	form := func(quote string) url.Values {
		return url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市建立学分银行"},
			"document_id": {doc.ID}, "page": {"1"}, "quote": {quote}}
	}
	flash := func(body string) string {
		m := regexp.MustCompile(`<p class="flash" role="status">([^<]*)</p>`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return html.UnescapeString(m[1])
	}
	unfound := catalog.Fullwidth("但第 1 条引用的引文未在文档第 1 页及其他页中找到,请核对引文和页码")
	_, body := wang.post("/claims", form("建立学分银行"))
	if got := flash(body); !strings.Contains(got, catalog.Fullwidth("定性描述已提交，等待审核")) || strings.Contains(got, "未在文档") {
		t.Errorf("a found quote's notice: %q", got)
	}
	resp, body := wang.post("/claims", form("建立终身学习护照"))
	if got := flash(body); !strings.Contains(got, unfound) {
		t.Errorf("an unfound quote's notice: %q, want it to say %q", got, unfound)
	}
	claimPath := resp.Request.URL.Path
	_, body = wang.post(claimPath+"/citations", url.Values{"document_id": {doc.ID}, "page": {"1"}, "quote": {"发放学习卡"}})
	if got := flash(body); !strings.Contains(got, catalog.Fullwidth("但第 2 条引用的引文未在文档第 1 页")) {
		t.Errorf("an added citation's unfound quote: notice %q", got)
	}
}
