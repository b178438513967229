package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestValuesListShowsTheCurrentRound: /values opens on the current round
// (2018) as /review does: a 2017 value is neither listed nor counted,
// round=2017 shows it, round= (查看全部轮次) shows both; the round field
// holds the round shown and the tabs keep it.
func TestValuesListShowsTheCurrentRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	ids := map[int]string{}
	for _, c := range []struct {
		round        int
		value, quote string
	}{{2017, "1.2万", "学分银行开户学习者1.2万人"}, {2018, "1.56万", "学分银行开户学习者1.56万人"}} {
		d := s.env.Upload("330100", fmt.Sprintf("xuefen%d.txt", c.round), fmt.Sprintf("%d年度%s。", c.round, c.quote))
		v, err := s.env.Values.Record(ctx, coord, values.Input{Round: c.round, Indicator: "2.3.3", Value: values.Written(c.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: c.quote}})
		if err != nil {
			t.Fatal(err)
		}
		ids[c.round] = v.ID
	}
	li := s.login("li")
	for _, c := range []struct {
		path        string
		round       string // the round field's value
		count       int
		shown, gone []int
		all         bool // the page links to every round
	}{
		{"/values", "2018", 1, []int{2018}, []int{2017}, true},
		{"/values?round=2017", "2017", 1, []int{2017}, []int{2018}, true},
		{"/values?round=", "", 2, []int{2017, 2018}, nil, false},
	} {
		_, page := li.get(c.path)
		if n := tabCount(page, "pending"); n != c.count {
			t.Errorf("%s: 待审核 %d, want %d", c.path, n, c.count)
		}
		if !strings.Contains(page, `id="vl-round" name="round" inputmode="numeric" value="`+c.round+`"`) {
			t.Errorf("%s: the round field does not hold %q", c.path, c.round)
		}
		if !strings.Contains(page, `href="/values?status=verified&amp;round=`+c.round+`"`) {
			t.Errorf("%s: the tabs do not keep round=%s", c.path, c.round)
		}
		all := `<a href="/values?status=pending&amp;round=" id="values-all-rounds">查看全部轮次</a>`
		if strings.Contains(page, all) != c.all {
			t.Errorf("%s: link to every round shown %v, want %v", c.path, !c.all, c.all)
		}
		for _, y := range c.shown {
			if !strings.Contains(page, `id="value-`+ids[y]+`"`) {
				t.Errorf("%s does not list the value of %d", c.path, y)
			}
		}
		for _, y := range c.gone {
			if strings.Contains(page, `id="value-`+ids[y]+`"`) {
				t.Errorf("%s lists the value of %d, another round", c.path, y)
			}
		}
	}
	_, page := li.get("/review")
	if !strings.Contains(page, `<a href="/review?status=pending&amp;round=" id="review-all-rounds">查看全部轮次</a>`) {
		t.Errorf("/review: no link to every round")
	}
}
