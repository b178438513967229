package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestValuesPointsToOtherRoundsWaiting: 2018 is the current round and has
// no value waiting; 2017 has one. /values said only 没有符合条件的数值
// where /review names the rounds with work waiting; it now says the
// same, each round a link to its pending tab (probe s30 §6). A round with
// values waiting says nothing of the others.
func TestValuesPointsToOtherRoundsWaiting(t *testing.T) {
	s := newSite(t)
	recordCityValue(t, s, 2017, "330100", "wang", "2.3.3", "学分银行累计开户1200人。", "1200", "累计开户1200人")
	li := s.login("li")
	for _, tt := range []struct {
		lang, want string
	}{
		{"zh", "本轮（2018年度）没有待审核的数值；其他轮次还有：2017年度 1 条。"},
		{"en", "No values waiting in this round (round 2018); other rounds have some: round 2017 (1 waiting)."},
	} {
		li.get("/lang?to=" + tt.lang + "&next=/")
		_, body := li.get("/values")
		p := regexp.MustCompile(`(?s)<p class="card" id="values-elsewhere">.*?</p>`).FindString(body)
		// textOf sets a space around each tag (the link): compared without.
		if squeeze := func(s string) string { return strings.ReplaceAll(s, " ", "") }; squeeze(textOf(p)) != squeeze(tt.want) {
			t.Errorf("/values (%s) with nothing waiting in 2018: %q, want %q", tt.lang, textOf(p), tt.want)
		}
		if !strings.Contains(p, `href="/values?status=pending&amp;round=2017"`) {
			t.Errorf("/values (%s): the 2017 count is no link to its pending tab: %s", tt.lang, p)
		}
	}
	_, body := li.get("/values?round=2017")
	if strings.Contains(body, "values-elsewhere") {
		t.Errorf("/values of 2017, which has a value waiting, points elsewhere: %.400s", textOf(body))
	}
}

// TestQueuesSayACityIsOutOfTheReviewersReach: a reviewer held to 宁波 who
// asks /values and /review for 杭州 got an empty queue with no word why,
// where /compare says the city is out of the account's reach; both now
// say it in /compare's words, and the reviewer's own city has no such
// note (probe s30 §9).
func TestQueuesSayACityIsOutOfTheReviewersReach(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("rev-nb", "reviewer", "")
	if err := s.env.Catalog.SetUserCities(ctx, "rev-nb", []string{"330200"}, "admin"); err != nil {
		t.Fatal(err)
	}
	recordCityValue(t, s, 2018, "330100", "wang", "2.3.3", "学分银行累计开户1200人。", "1200", "累计开户1200人")
	d := s.env.Upload("330100", "活动总结.txt", "2018年全市开展市民学习活动120场。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "3.1.1", Statement: "全市开展市民学习活动120场。",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全市开展市民学习活动120场"}}}); err != nil {
		t.Fatal(err)
	}
	rev := s.login("rev-nb")
	const note = "城市 330100 不在您的账号可查看的城市范围内"
	for _, tt := range []struct{ page, id string }{
		{"/values?city=330100&round=2018", "values-outofscope"},
		{"/review?city=330100&round=2018", "review-outofscope"},
	} {
		_, body := rev.get(tt.page)
		if !strings.Contains(body, `id="`+tt.id+`"`) || !strings.Contains(textOf(body), note) {
			t.Errorf("%s for a reviewer held to 宁波: %.600s; want %q", tt.page, textOf(body), note)
		}
		_, own := rev.get(strings.Replace(tt.page, "330100", "330200", 1))
		if strings.Contains(own, tt.id) {
			t.Errorf("%s of the reviewer's own 宁波 says it is out of reach", tt.page)
		}
	}
	li := s.login("li")
	_, body := li.get("/values?city=330100&round=2018")
	if strings.Contains(body, "values-outofscope") || !strings.Contains(body, "1200") {
		t.Errorf("/values of 杭州 for a reviewer of every city: %.600s; want its value, no note", textOf(body))
	}
}
