package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestAuditLogGivesValuesInThePagesLanguage: a value of 12.3万人 reviewed
// shows in /admin's audit log as typed on the Chinese page and in English
// form on the English one (123,000 people), as /values shows it.
func TestAuditLogGivesValuesInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "xuefen.txt", "2017年存入学分银行的社会培训成果12.3万人。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "12.3万", Unit: "人",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "存入学分银行的社会培训成果12.3万人"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, v.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	for _, tt := range []struct {
		english   bool
		want, not string
	}{{false, "2017 2.3.3 12.3万人", "123,000"}, {true, "2017 2.3.3 123,000 people", "2.3.3 12.3万"}} {
		if tt.english {
			admin.english()
		}
		_, body := admin.get("/admin")
		events := html.UnescapeString(textOf(body[strings.Index(body, `id="events"`):]))
		if !strings.Contains(events, tt.want) || strings.Contains(events, tt.not) {
			t.Errorf("audit log (English %v): want %q, not %q: %.900s", tt.english, tt.want, tt.not, events)
		}
	}
}
