package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestIndicatorPageMarksDocumentsOfOtherRounds: 杭州's 2017 学分银行
// 方案 is linked to 2.3.1 in its own round, and its 2017 实施意见 for
// 2018 too. On 2.3.1's page of 2018 the 方案 is listed marked
// （2017年度）, the 实施意见 (counting in 2018) unmarked; on the page of
// 2017 the 方案 is unmarked and the 实施意见, linked for 2018 only, is
// marked （不计入2017年度）. Neither is ever left out. English too.
func TestIndicatorPageMarksDocumentsOfOtherRounds(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	plan := s.env.Upload("330100", "学分银行建设方案.txt", "杭州市学分银行建设方案。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: plan.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	opinion := s.env.Upload("330100", "学分银行实施意见.txt", "杭州市人民政府关于推进学分银行建设的实施意见。")
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: opinion.ID, IndicatorCode: "2.3.1", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	// heading is the evidence item's heading of doc on the page.
	heading := func(page string, doc *catalog.Document) string {
		t.Helper()
		h := regexp.MustCompile(`(?s)<h2><a href="/documents/` + doc.ID + `[^"]*">.*?</h2>`).FindString(page)
		if h == "" {
			t.Errorf("%s is not listed on the page: %q", doc.Filename, textOf(page))
		}
		return html.UnescapeString(textOf(h))
	}
	b := s.login("wang")
	for _, c := range []struct {
		path                  string
		planMark, opinionMark string
	}{
		{"/indicators/2.3.1?round=2018", "（2017年度）", ""},
		{"/indicators/2.3.1?round=2017&city=330100", "", "（不计入2017年度）"},
	} {
		_, page := b.get(c.path)
		for doc, want := range map[*catalog.Document]string{plan: c.planMark, opinion: c.opinionMark} {
			h := heading(page, doc)
			if want != "" && !strings.Contains(h, want) {
				t.Errorf("%s: %s is not marked %s: %q", c.path, doc.Filename, want, h)
			}
			if want == "" && strings.Contains(h, "年度") {
				t.Errorf("%s: %s counts in the round shown, yet is marked: %q", c.path, doc.Filename, h)
			}
		}
	}
	b.english()
	_, page := b.get("/indicators/2.3.1?round=2018")
	if h := heading(page, plan); !strings.Contains(h, "(round 2017)") {
		t.Errorf("English page of 2018: the 2017 plan is not marked (round 2017): %q", h)
	}
	_, page = b.get("/indicators/2.3.1?round=2017")
	if h := heading(page, opinion); !strings.Contains(h, "(does not count in round 2017)") {
		t.Errorf("English page of 2017: the opinion linked for 2018 is not marked: %q", h)
	}
}

// TestIndicatorPageSaysAnUnknownRoundIsUnknown: /indicators/2.3.1 of
// round 2099 (no such round), -3 or 二〇一八 says the round is unknown
// (400), in English too, instead of an empty round with 杭州's 学分银行
// 方案 marked as of another round.
func TestIndicatorPageSaysAnUnknownRoundIsUnknown(t *testing.T) {
	s := newSite(t)
	plan := s.env.Upload("330100", "学分银行建设方案.txt", "杭州市学分银行建设方案。")
	if err := s.env.Ingest.AddLink(context.Background(), testenv.Admin, &catalog.Link{DocumentID: plan.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	for round, want := range map[string]string{"2099": "监测轮次 2099 不存在", "-3": "监测轮次应为 2000 至 2100 年间的年份", "二〇一八": "监测轮次应为 2000 至 2100 年间的年份"} {
		resp, page := b.get("/indicators/2.3.1?city=330100&round=" + url.QueryEscape(round))
		if text := html.UnescapeString(textOf(page)); resp.StatusCode != http.StatusBadRequest || !strings.Contains(text, want) {
			t.Errorf("/indicators/2.3.1?round=%s: %d %q, want 400 saying %s", round, resp.StatusCode, text, want)
		}
		if strings.Contains(page, "/documents/"+plan.ID) {
			t.Errorf("/indicators/2.3.1?round=%s lists the plan as if the round were known", round)
		}
	}
	b.english()
	if resp, page := b.get("/indicators/2.3.1?round=2099"); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(textOf(page), "There is no monitoring round 2099") {
		t.Errorf("English /indicators/2.3.1?round=2099: %d %q", resp.StatusCode, textOf(page))
	}
}

// TestIndicatorPageClaimsHeadingSaysTheRound: 2.3.1's page of 2017 lists
// 杭州's 2017 claim under 2017年度定性描述 (Claims of round 2017), beside
// 2017年度数值, never 本轮定性描述, which would say the current round.
func TestIndicatorPageClaimsHeadingSaysTheRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "学分银行建设方案.txt", "杭州市建立学分银行，推进学分积累与转换。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市2017年建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	heading := func(b *browser) string {
		t.Helper()
		_, page := b.get("/indicators/2.3.1?round=2017&city=330100")
		h := regexp.MustCompile(`<h2 id="claims-title">(.*?)</h2>`).FindStringSubmatch(page)
		if h == nil || !strings.Contains(page, "杭州市2017年建立学分银行") {
			t.Fatalf("the 2017 claim is not listed under a heading: %q", textOf(page))
		}
		return html.UnescapeString(h[1])
	}
	b := s.login("wang")
	if h := heading(b); h != "2017年度定性描述" {
		t.Errorf("claims heading on the page of 2017: %q, want 2017年度定性描述", h)
	}
	b.english()
	if h := heading(b); h != "Claims of round 2017" {
		t.Errorf("English claims heading on the page of 2017: %q, want Claims of round 2017", h)
	}
}

// TestIndicatorPageMarksCitedAndSuggestedDocumentsOfOtherRounds: a 2017
// 学分银行建设情况 cited by 杭州's 2017 claim of 2.3.1 (not linked) is
// marked （2017年度） on 2.3.1's page of 2018, not on that of 2017; a
// 2018 学分银行年度报告 linked and cited by nothing is suggested, marked
// （2018年度） on the page of 2017, not on that of 2018; a 2018
// 学分银行统计表 cited by 杭州's 2017 value of 2.3.3 counts in 2017 and
// is marked （不计入2018年度） on 2.3.3's page of 2018. All are listed on
// every page.
func TestIndicatorPageMarksCitedAndSuggestedDocumentsOfOtherRounds(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	wangU := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	upload2018 := func(name, text string) *catalog.Document {
		t.Helper()
		st, err := s.env.Ingest.Stage(strings.NewReader(text), name)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		out, err := s.env.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: "330100", DocType: "work_summary", Round: "2018"}, Files: []*ingest.Staged{st}})
		if err != nil || out[0].Err != nil {
			t.Fatalf("uploading %s for 2018: %v %v", name, err, out[0].Err)
		}
		return s.env.WaitIndexed(out[0].Document.ID)
	}
	cited := s.env.Upload("330100", "学分银行建设情况.txt", "杭州市2017年建立学分银行，开展学分认定。")
	if _, err := s.env.Claims.Create(ctx, wangU, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市2017年建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: cited.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	suggested := upload2018("学分银行年度报告.txt", "2018年杭州市学分银行年度报告：学分银行开户、学分积累、转换与认证。")
	table := upload2018("学分银行统计表.txt", "存入学分银行的社会培训成果人数达到12,500人。")
	if _, err := s.env.Values.Record(ctx, wangU, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("12500"), Unit: "人",
		Citation: claims.CitationInput{DocumentID: table.ID, Page: 1, Quote: "存入学分银行的社会培训成果人数达到12,500人"}}); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	for _, c := range []struct {
		path string
		doc  *catalog.Document
		mark string // "" when it counts in the round shown
	}{
		{"/indicators/2.3.1?round=2018", cited, "（2017年度）"},
		{"/indicators/2.3.1?round=2017", cited, ""},
		{"/indicators/2.3.1?round=2017", suggested, "（2018年度）"},
		{"/indicators/2.3.1?round=2018", suggested, ""},
		{"/indicators/2.3.3?round=2017", table, ""},
		{"/indicators/2.3.3?round=2018", table, "（不计入2018年度）"},
	} {
		_, page := b.get(c.path)
		h := regexp.MustCompile(`(?s)<h2><a href="/documents/` + c.doc.ID + `[^"]*">.*?</h2>`).FindString(page)
		if h == "" {
			t.Errorf("%s: %s is not listed: %q", c.path, c.doc.Filename, textOf(page))
			continue
		}
		marked := strings.Contains(h, "other-round")
		h = html.UnescapeString(textOf(h))
		if c.mark != "" && (!marked || !strings.Contains(h, c.mark)) {
			t.Errorf("%s: %s is not marked %s: %q", c.path, c.doc.Filename, c.mark, h)
		}
		if c.mark == "" && marked {
			t.Errorf("%s: %s counts in the round shown, yet is marked: %q", c.path, c.doc.Filename, h)
		}
	}
}
