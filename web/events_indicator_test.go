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
	"github.com/lcmonitor/evidence/values"
)

// TestAuditLogFindsAnIndicatorsEvents: the 对象 filter's kind 指标 takes a
// key indicator's code or name and lists the events of its claims (their
// reviews among them), values and links in every city, none of another
// indicator's; a city's name or code beside it keeps that city's alone;
// a part of a name that several indicators hold offers them to choose
// from, and words naming none say so (review s40: a reviewer could not
// find everything done to one indicator's evidence in a city).
func TestAuditLogFindsAnIndicatorsEvents(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	zhao := &catalog.User{Username: "zhao", Role: catalog.RoleCoordinator, City: "330200"}
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer, Cities: []string{"330100", "330200"}}
	hz := s.env.Upload("330100", "xuefen.txt", "杭州市建立学分银行，存入学分银行的社会培训成果1.56万人。杭州市发放市民终身学习卡。")
	nb := s.env.Upload("330200", "ningbo.txt", "宁波市建立学分银行，推进学习成果认证。")
	cite := func(d *catalog.Document, quote string) []claims.CitationInput {
		return []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}
	}
	hzClaim, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立学分银行", Citations: cite(hz, "杭州市建立学分银行")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.2", Statement: "杭州市发放市民终身学习卡", Citations: cite(hz, "杭州市发放市民终身学习卡")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, zhao, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "宁波市建立学分银行", Citations: cite(nb, "宁波市建立学分银行")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, li, hzClaim.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*catalog.Link{{DocumentID: hz.ID, IndicatorCode: "2.3.1", Page: 1}, {DocumentID: hz.ID, IndicatorCode: "2.3.2", Page: 1}, {DocumentID: nb.ID, IndicatorCode: "2.3.1", Page: 1}} {
		if err := s.env.Ingest.AddLink(ctx, testenv.Admin, l); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.env.Values.Record(ctx, wang, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("1.56万"),
		Citation: claims.CitationInput{DocumentID: hz.ID, Page: 1, Quote: "存入学分银行的社会培训成果1.56万人"}}); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	// doing counts the rows of the log of q by what they did.
	doing := func(q url.Values) map[string]int {
		t.Helper()
		_, body := admin.get("/admin?" + q.Encode())
		_, rows := eventTable(t, body)
		got := map[string]int{}
		for _, r := range rows {
			if len(r) == 5 {
				got[r[2]]++
			}
		}
		return got
	}
	everyCity := map[string]int{"撰写定性描述": 2, "审核定性描述 · 属实": 1, "关联指标": 2}
	for _, q := range []url.Values{
		{"kind": {"indicator"}, "object": {"2.3.1"}},
		{"kind": {"indicator"}, "object": {"建立学分银行或学分积累、转换与认证制度"}},
		{"kind": {"indicator"}, "object": {"学分积累"}},
	} {
		if got := doing(q); !sameCounts(got, everyCity) {
			t.Errorf("%s: events %v, want %v: both cities' claims and links of 2.3.1 and the review, nothing of 2.3.2 or 2.3.3", q.Encode(), got, everyCity)
		}
	}
	oneCity := map[string]int{"撰写定性描述": 1, "关联指标": 1}
	for _, q := range []url.Values{
		{"kind": {"indicator"}, "object": {"2.3.1 宁波市"}},
		{"kind": {"indicator"}, "object": {"330200 2.3.1"}},
	} {
		if got := doing(q); !sameCounts(got, oneCity) {
			t.Errorf("%s: events %v, want %v: Ningbo's claim and link of 2.3.1 alone", q.Encode(), got, oneCity)
		}
	}
	if got, want := doing(url.Values{"kind": {"indicator"}, "object": {"2.3.3"}}), map[string]int{"填报数值": 1}; !sameCounts(got, want) {
		t.Errorf("2.3.3: events %v, want %v: its value", got, want)
	}

	_, body := admin.get("/admin?" + url.Values{"kind": {"indicator"}, "object": {"学分银行 杭州市"}}.Encode())
	i := strings.Index(body, `id="events-choices"`)
	if i < 0 || strings.Contains(body, `id="eventtable"`) {
		t.Fatalf("words calling two indicators: want them to choose from and no log: %.1500s", textOf(body))
	}
	if !strings.Contains(textOf(body), "有多个关键指标与所填内容相符") {
		t.Errorf("the offer of indicators does not say it offers indicators: %.800s", textOf(body))
	}
	choices := regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`).FindAllStringSubmatch(body[i:strings.Index(body[i:], "</ul>")+i], -1)
	if len(choices) != 2 || !strings.HasPrefix(choices[0][2], "2.3.1 ") || !strings.HasPrefix(choices[1][2], "2.3.3 ") {
		t.Fatalf("the choices: %q, want 2.3.1 then 2.3.3", choices)
	}
	q, err := url.Parse(html.UnescapeString(choices[0][1]))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doing(q.Query()), map[string]int{"撰写定性描述": 1, "审核定性描述 · 属实": 1, "关联指标": 1}; !sameCounts(got, want) {
		t.Errorf("the first choice %s: events %v, want %v: Hangzhou's of 2.3.1, the city kept", q.RawQuery, got, want)
	}

	_, body = admin.get("/admin?" + url.Values{"kind": {"indicator"}, "object": {"9.9.9"}}.Encode())
	if !strings.Contains(textOf(body), "没有找到与“9.9.9”相符的关键指标") || strings.Contains(body, `id="eventtable"`) {
		t.Errorf("words calling no indicator: want it said, no log: %.800s", textOf(body))
	}
}

// sameCounts reports whether got and want count the same things alike.
func sameCounts(got, want map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, n := range want {
		if got[k] != n {
			return false
		}
	}
	return true
}
