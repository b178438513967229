package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestClaimHistorySaysWhyItReopenedInThePagesLanguage: a verified claim
// whose cited document an admin deletes goes back to 待审核; its history
// says why in the page's language (引用的文档已删除, the cited document was
// deleted), never the code, and an old event that stored the reason in
// English reads the same.
func TestClaimHistorySaysWhyItReopenedInThePagesLanguage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := s.env.Upload("330100", "huodongzhou.txt", "杭州市全民终身学习活动周举办学习活动三百余场。")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: "3.1.1", Statement: "活动周举办学习活动三百余场",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "举办学习活动三百余场"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, reviewer, c.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Catalog.DeleteDocument(ctx, d.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	// An event of before the reasons were codes.
	if err := s.env.Catalog.RecordEvent(ctx, catalog.Event{User: "admin", Action: "claim.reopen", Object: "claim:" + c.ID,
		Detail: map[string]any{"document": d.ID, "reason": "cited document moved to another city"}}); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	for _, c2 := range []struct {
		english    bool
		want, gone []string
	}{
		{false, []string{"定性描述退回待审核 · 引用的文档已删除", "引用的文档已改为其他城市的文档"}, []string{"document_deleted", "cited document"}},
		{true, []string{"the cited document was deleted", "the cited document was moved to another city"}, []string{"document_deleted", "引用的文档"}},
	} {
		if c2.english {
			li.english()
		}
		_, page := li.get("/claims/" + c.ID)
		i := strings.Index(page, `<ol class="history">`)
		if i < 0 {
			t.Fatalf("claim page without history: %.1500s", textOf(page))
		}
		history := textOf(page[i:])
		for _, w := range c2.want {
			if !strings.Contains(history, w) {
				t.Errorf("history (english %v): %.800s, want %q", c2.english, history, w)
			}
		}
		for _, w := range c2.gone {
			if strings.Contains(history, w) {
				t.Errorf("history (english %v): %.800s, shows %q", c2.english, history, w)
			}
		}
	}
}
