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
