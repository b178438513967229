package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// tabCount is the count on the tab of status on a /review or /values page,
// -1 when there is no such tab.
func tabCount(page, status string) int {
	m := regexp.MustCompile(`data-status="` + status + `"[^>]*>[^<]*<span class="count">(\d+)</span>`).FindStringSubmatch(page)
	if m == nil {
		return -1
	}
	n := 0
	for _, d := range m[1] {
		n = n*10 + int(d-'0')
	}
	return n
}

// TestCarriedItemsWaitForTheCityBeforeReview: 杭州's 2017 claims and value
// carried into 2018 and not confirmed on 结转事项核对 are 待确认: not on
// the reviewer's 待审核 tab of /review or /values nor in its count, but on
// 待确认; the claim page says 待确认 and why, without the verdict form, and
// a verdict sent all the same is refused saying the city must confirm it
// first. Confirmed by the coordinator, the claim is 待审核 with the form.
func TestCarriedItemsWaitForTheCityBeforeReview(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市学分银行累计开户学习者12000人。")
	recordValue(t, s, d.ID, "2.3.3", "12000", "学分银行累计开户学习者12000人")
	testenv.CarryContradicted(t, s.env.Claims, s.env.Values, coord, admin, "330100", d.ID)
	items, _, err := s.env.Values.CarriedItems(ctx, coord, "330100", 2018)
	if err != nil {
		t.Fatal(err)
	}
	var claimIDs []string
	var first string // the carry-over of the first claim
	for _, it := range items {
		if it.Kind == catalog.CarryClaim {
			if first == "" {
				first = it.ID
			}
			claimIDs = append(claimIDs, it.ObjectID)
		}
	}
	if len(claimIDs) != 2 {
		t.Fatalf("carried into 2018: %+v, want two claims", items)
	}
	li := s.login("li")
	for _, c := range []struct{ page, title string }{{"/review", "定性描述"}, {"/values", "数值"}} {
		_, page := li.get(c.page + "?round=2018")
		if n := tabCount(page, "pending"); n != 0 {
			t.Errorf("%s 待审核 count: %d, want 0 (the carried %s are not confirmed yet)", c.page, n, c.title)
		}
		if strings.Contains(page, `name="verdict"`) {
			t.Errorf("%s offers a verdict form on a carried %s not confirmed", c.page, c.title)
		}
		want := 2
		if c.page == "/values" {
			want = 1
		}
		if n := tabCount(page, "to_confirm"); n != want {
			t.Errorf("%s 待确认 count: %d, want %d", c.page, n, want)
		}
		_, page = li.get(c.page + "?round=2018&status=to_confirm")
		if !strings.Contains(page, `<span class="badge to_confirm">待确认</span>`) {
			t.Errorf("%s 待确认 tab: %.1500s, want the carried %s marked 待确认", c.page, textOf(page), c.title)
		}
	}
	_, page := li.get("/claims/" + claimIDs[0])
	if !strings.Contains(page, `data-status="to_confirm">待确认</span>`) || !strings.Contains(page, `id="to-confirm-note"`) ||
		strings.Contains(page, `name="verdict"`) {
		t.Errorf("claim page of a carried claim not confirmed: %.2000s, want 待确认 with its note and no verdict form", textOf(page))
	}
	_, page = li.post("/claims/"+claimIDs[0]+"/review", url.Values{"verdict": {"verified"}})
	if !strings.Contains(textOf(page), "城市尚未确认在 2018年度沿用（待确认），暂不能审核") {
		t.Errorf("verdict on a carried claim not confirmed: %.2000s, want it refused saying the city must confirm it first", textOf(page))
	}
	if c, err := s.env.Claims.Get(ctx, admin, claimIDs[0]); err != nil || c.Status != catalog.ClaimPending {
		t.Errorf("the refused verdict: claim %+v (%v), want it unchanged", c, err)
	}

	if _, err := s.env.Values.DecideChecked(ctx, coord, first, "confirm", true); err != nil {
		t.Fatal(err)
	}
	_, page = li.get("/review?round=2018")
	if tabCount(page, "pending") != 1 || tabCount(page, "to_confirm") != 1 {
		t.Errorf("/review once one claim is confirmed: %.1500s, want 待审核 1 and 待确认 1", textOf(page))
	}
	for _, id := range claimIDs {
		_, page = li.get("/claims/" + id)
		if strings.Contains(page, `data-status="pending"`) && !strings.Contains(page, `name="verdict"`) {
			t.Errorf("the confirmed claim %s is 待审核 without the verdict form", id)
		}
	}
}

// TestReviewQueueFiltersByRound: /review lists the current round (2018)
// unless the address names another: a 2017 claim is not in its tabs'
// counts or its list, round=2017 shows it and counts it, round= shows
// both; the round field keeps what was asked and the tabs keep it.
func TestReviewQueueFiltersByRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市学分银行累计开户学习者12000人。")
	for _, c := range []struct {
		round     int
		statement string
	}{{2017, "二〇一七年学分银行开户学习者达到1.2万人"}, {2018, "二〇一八年学分银行开户学习者达到1.2万人"}} {
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: c.round, Indicator: "2.3.1", Statement: c.statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者12000人"}}}); err != nil {
			t.Fatal(err)
		}
	}
	li := s.login("li")
	for _, c := range []struct {
		path        string
		round       string // the round field's value
		count       int
		shown, gone []string
	}{
		{"/review", "2018", 1, []string{"二〇一八年"}, []string{"二〇一七年"}},
		{"/review?round=2017", "2017", 1, []string{"二〇一七年"}, []string{"二〇一八年"}},
		{"/review?round=", "", 2, []string{"二〇一七年", "二〇一八年"}, nil},
	} {
		_, page := li.get(c.path)
		if n := tabCount(page, "pending"); n != c.count {
			t.Errorf("%s: 待审核 %d, want %d", c.path, n, c.count)
		}
		if !strings.Contains(page, `id="rv-round" name="round" inputmode="numeric" value="`+c.round+`"`) {
			t.Errorf("%s: the round field does not hold %q", c.path, c.round)
		}
		if !strings.Contains(page, `href="/review?status=verified&amp;round=`+c.round+`"`) {
			t.Errorf("%s: the tabs do not keep round=%s", c.path, c.round)
		}
		for _, w := range c.shown {
			if !strings.Contains(page, w) {
				t.Errorf("%s does not list the claim %s…", c.path, w)
			}
		}
		for _, w := range c.gone {
			if strings.Contains(page, w) {
				t.Errorf("%s lists the claim %s… of another round", c.path, w)
			}
		}
	}
}

// TestEmptyReviewRoundSaysWhereClaimsWait: a reviewer's /review shows the
// current round (2018); when it has nothing waiting while 2017 has two,
// the page says so and links to 2017's queue, in Chinese and in English,
// where it said only 没有待审核的定性描述 (probe s29 §9). With nothing
// waiting anywhere it says so as before.
func TestEmptyReviewRoundSaysWhereClaimsWait(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	li := s.login("li")
	if _, page := li.get("/review"); !strings.Contains(page, "没有待审核的定性描述。") || strings.Contains(page, "其他轮次还有") {
		t.Errorf("/review with nothing waiting anywhere: %q", textOf(page))
	}
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市学分银行累计开户学习者12000人，社区学校120所。")
	for _, q := range []string{"学分银行累计开户学习者12000人", "社区学校120所"} {
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市" + q,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: q}}}); err != nil {
			t.Fatal(err)
		}
	}
	_, page := li.get("/review")
	if !strings.Contains(textOf(page), "本轮（2018年度）没有待审核的定性描述；其他轮次还有：") {
		t.Errorf("/review: %q, want it to say 2017 has 2 waiting", textOf(page))
	}
	if !strings.Contains(page, `<a href="/review?status=pending&amp;round=2017">2017年度 2 条</a>`) {
		t.Errorf("/review does not link to 2017's pending claims: %q", page)
	}
	li.get("/lang?to=en&next=/")
	if _, page := li.get("/review"); !strings.Contains(textOf(page), "No claims waiting in this round (round 2018); other rounds have some:") ||
		!strings.Contains(page, `<a href="/review?status=pending&amp;round=2017">round 2017 (2 waiting)</a>`) {
		t.Errorf("/review in English: %q", textOf(page))
	}
}
