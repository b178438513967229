package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// roundObjects are a document of each of 2017 and 2018 with a claim and a
// value of that round citing it: how each appears in a list.
type roundObjects map[int]struct{ doc, claim, value string }

func seedRounds(t *testing.T, s *site) roundObjects {
	t.Helper()
	ctx := context.Background()
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	out := roundObjects{}
	for _, round := range []int{2017, 2018} {
		year := fmt.Sprint(round)
		d := s.env.Upload("330100", "学分银行"+year+"年度工作总结.txt", year+"年全市学分银行开户学习者1.2万人，开展市民学习活动120场。")
		if _, err := s.env.Catalog.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Round: &year}, testenv.Admin.Username); err != nil {
			t.Fatal(err)
		}
		c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: round, Indicator: "3.1.1", Statement: year + "年全市开展市民学习活动120场。",
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "开展市民学习活动120场"}}})
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.env.Values.Record(ctx, wang, values.Input{Round: round, Indicator: "2.3.3", Value: values.Written("1.2万"),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学分银行开户学习者1.2万人"}})
		if err != nil {
			t.Fatal(err)
		}
		out[round] = struct{ doc, claim, value string }{`data-id="` + d.ID + `"`, `href="/claims/` + c.ID, `id="value-` + v.ID + `"`}
	}
	return out
}

// TestListsReadTheirRoundByTheListRule: the review queue, the values
// queue and the documents list read ?round= as catalog.ParseListRound
// does. With no round= the queues show the current round (2018) and the
// documents list every round, as before; round= left blank lists every
// round; 2017 and ２０１７ that round; 2024 none; and 0, -1, abc or
// 2017年度 is a 400 on the page saying what a round may be, and that
// blank is every round, in Chinese and English — where the queues showed
// every round for them, as if asked, and the documents list none.
func TestListsReadTheirRoundByTheListRule(t *testing.T) {
	s := newSite(t)
	objs := seedRounds(t, s)
	li, wang := s.login("li"), s.login("wang")
	lists := []struct {
		name, path string
		b          *browser
		of         func(round int) string
		absent     []int // what the page lists with no round= at all
	}{
		{"审核队列", "/review?status=pending", li, func(r int) string { return objs[r].claim }, []int{2018}},
		{"数值审核", "/values?status=pending", li, func(r int) string { return objs[r].value }, []int{2018}},
		{"文档列表", "/documents?city=330100", wang, func(r int) string { return objs[r].doc }, []int{2017, 2018}},
	}
	for _, l := range lists {
		for _, c := range []struct {
			query string
			want  []int
		}{
			{"", l.absent}, {"&round=", []int{2017, 2018}}, {"&round=2017", []int{2017}},
			{"&round=" + url.QueryEscape("２０１７"), []int{2017}}, {"&round=2018", []int{2018}}, {"&round=2024", nil},
		} {
			resp, page := l.b.get(l.path + c.query)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s%s: %d, want 200: %.400s", l.path, c.query, resp.StatusCode, textOf(page))
				continue
			}
			for _, round := range []int{2017, 2018} {
				want := strings.Contains(fmt.Sprint(c.want), fmt.Sprint(round))
				if strings.Contains(page, l.of(round)) != want {
					t.Errorf("%s %s%s: lists %d's %v, want %v", l.name, l.path, c.query, round, !want, want)
				}
			}
		}
	}
	for _, lang := range []string{"zh", "en"} {
		if lang == "en" {
			li.english()
			wang.english()
		}
		for _, l := range lists {
			for _, round := range []string{"0", "-1", "abc", "2017年度"} {
				resp, body := l.b.get(l.path + "&round=" + url.QueryEscape(round))
				if page := html.UnescapeString(textOf(body)); resp.StatusCode != http.StatusBadRequest ||
					!strings.Contains(page, listRuleWords[lang]) || !strings.Contains(page, round) {
					t.Errorf("%s %s, round %q: %d, want 400 saying %q: %.600s", lang, l.name, round, resp.StatusCode, listRuleWords[lang], page)
				}
			}
		}
	}
}
