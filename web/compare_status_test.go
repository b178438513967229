package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestCompareShowsContradictedValue: on /compare, a round whose value a
// reviewer found contradicted by its source says 与证据矛盾 as its status,
// once, not 有证据 with a badge beside it.
func TestCompareShowsContradictedValue(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	d := s.env.Upload("330100", "zongjie.txt", "学习型社区创建达标比例为88.1%。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "4.1.2", Value: "90%",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学习型社区创建达标比例为88.1%"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, v.ID, "contradicted", "原文为88.1%"); err != nil {
		t.Fatal(err)
	}
	_, page := s.login("li").get("/compare?city=330100&rounds=2017")
	row := regexp.MustCompile(`(?s)<tr data-code="4\.1\.2">.*?</tr>`).FindString(page)
	if !strings.Contains(row, `class="status-contradicted"`) || strings.Count(row, "与证据矛盾") != 1 {
		t.Errorf("4.1.2 on /compare: %q, want status-contradicted saying 与证据矛盾 once", textOf(row))
	}
}

// TestCompareReportLinksCarryTheLanguage: the report downloads on /compare
// ask for the page's language, so a user who chose English gets English
// headings and statuses, and a Chinese page gets a Chinese report whatever
// the browser's Accept-Language says.
func TestCompareReportLinksCarryTheLanguage(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "zongjie.txt", "学习型社区创建达标比例为88.1%。")
	b := s.login("wang")
	for _, tt := range []struct {
		english bool
		want    string
	}{{false, "lang=zh"}, {true, "lang=en"}} {
		if tt.english {
			b.english()
		}
		_, page := b.get("/compare?city=330100&rounds=2017")
		links := regexp.MustCompile(`href="(/api/v1/reports/[^"]*)"`).FindAllStringSubmatch(page, -1)
		if len(links) != 2 {
			t.Fatalf("report links on /compare: %v, want XLSX and DOCX", links)
		}
		for _, l := range links {
			if !strings.Contains(l[1], tt.want) {
				t.Errorf("report link %q (English page: %v): want %s", l[1], tt.english, tt.want)
			}
		}
	}
}
