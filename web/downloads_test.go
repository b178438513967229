package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var downloadLinks = regexp.MustCompile(`<p class="row downloads" id="downloads">([\s\S]*?)</p>`)

// TestReportAndPackLinkedWhereTheCoordinatorWorks: the report and the
// 佐证材料包 of the city's round are linked from the indicators page and
// the board, not only from /compare (probe s36 #16), for the round shown
// (the current one when the heat map shows every round), and the links
// download what they say, the pack named by the city. An account with no
// one city on the page (an expert's heat map of every city) is offered none.
func TestReportAndPackLinkedWhereTheCoordinatorWorks(t *testing.T) {
	s := newSite(t)
	s.withAPI()
	year, err := s.env.Catalog.CurrentRound(context.Background())
	if err != nil || year == 2017 {
		t.Fatalf("current round %d, %v; the test needs one other than 2017", year, err)
	}
	current := strconv.Itoa(year)
	tests := []struct {
		who, path string
		round     string // "" for no links
	}{
		{"wang", "/indicators", current},
		{"wang", "/indicators?round=", current},
		{"wang", "/indicators?round=2017", "2017"},
		{"wang", "/assignments", current},
		{"wang", "/assignments?round=2017", "2017"},
		{"admin", "/assignments?city=330100&round=2017", "2017"},
		{"zhou", "/indicators", ""},
		{"zhou", "/indicators?city=330100", current},
	}
	for _, tt := range tests {
		b := s.login(tt.who)
		resp, body := b.get(tt.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d", tt.who, tt.path, resp.StatusCode)
		}
		m := downloadLinks.FindStringSubmatch(body)
		if tt.round == "" {
			if m != nil {
				t.Errorf("%s %s offers downloads with no one city shown: %s", tt.who, tt.path, m[1])
			}
			continue
		}
		if m == nil {
			t.Errorf("%s %s: no report or pack to download", tt.who, tt.path)
			continue
		}
		links := html.UnescapeString(m[1])
		for _, want := range []string{
			`href="/api/v1/reports/330100?round=` + tt.round + `&lang=zh&format=xlsx"`,
			`href="/api/v1/reports/330100?round=` + tt.round + `&lang=zh&format=docx"`,
			`href="/api/v1/packs/330100?round=` + tt.round + `"`,
			"下载" + tt.round + "年度佐证材料包（ZIP）",
		} {
			if !strings.Contains(links, want) {
				t.Errorf("%s %s: downloads lack %s:\n%s", tt.who, tt.path, want, links)
			}
		}
	}
	wang := s.login("wang")
	for link, name := range map[string]string{
		"/api/v1/reports/330100?round=2017&lang=zh&format=xlsx": "监测报告-杭州-2017.xlsx",
		"/api/v1/packs/330100?round=2017":                       "佐证材料包-杭州-2017.zip",
	} {
		resp, _ := wang.navigate(link, "/assignments?round=2017")
		if got := resp.Header.Get("Content-Disposition"); resp.StatusCode != http.StatusOK || !strings.Contains(got, url.PathEscape(name)) {
			t.Errorf("%s: %d %q, want 200 downloading %s", link, resp.StatusCode, got, name)
		}
	}
}
