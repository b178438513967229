package web

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestVerdictStaysBesideACarriedLink: 杭州's 2018 claim on 2.3.1 is sent
// back 证据不足, then a 2017 link to 2.3.1 is carried into 2018 (待确认).
// The heat map's cell stays △ 证据不足 with ↻ beside it ("证据不足 · 待确认"),
// and /compare says 证据不足 with a ↻ 待确认 badge (the probe saw only 待确认).
func TestVerdictStaysBesideACarriedLink(t *testing.T) {
	s := newSite(t)
	s.env.JudgedBesideACarriedLink(t, "330100", &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"},
		&catalog.User{Username: "li", Role: catalog.RoleReviewer}, map[string]string{"2.3.1": "insufficient"})
	b := s.login("wang")
	_, body := b.get("/indicators?round=2018")
	m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)" title="[^"]*">([^<]*)</a>`).FindStringSubmatch(body)
	if m == nil || html.UnescapeString(m[1]) != "2.3.1 杭州\uFF1A证据不足 · 待确认" || m[2] != "△ ↻" {
		t.Errorf("heat-map cell of 杭州 2.3.1: %q, want 证据不足 · 待确认 shown △ ↻", m)
	}
	_, page := b.get("/compare?city=330100&rounds=2018")
	row := regexp.MustCompile(`(?s)<tr data-code="2\.3\.1">.*?</tr>`).FindString(page)
	if !strings.Contains(row, `class="status-insufficient"`) || !strings.Contains(row, "↻ 待确认") {
		t.Errorf("2.3.1 on /compare: %q, want status-insufficient with ↻ 待确认 beside it", textOf(row))
	}
}
