package web

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

var eventMark = regexp.MustCompile(`审计测试第(\d+)号`)

// shownEvents is the numbers of the test events the admin page at path
// shows, and its links to newer and older pages.
func shownEvents(t *testing.T, b *browser, path string) (nums []string, newer, older string) {
	t.Helper()
	_, body := b.get(path)
	for _, m := range eventMark.FindAllStringSubmatch(body, -1) {
		nums = append(nums, m[1])
	}
	if m := prevLink.FindStringSubmatch(body); m != nil {
		newer = html.UnescapeString(m[1])
	}
	if m := nextLink.FindStringSubmatch(body); m != nil {
		older = html.UnescapeString(m[1])
	}
	return nums, newer, older
}

// TestAuditLogPagesBackAndForth: the admin page's audit log shows the
// newest 100 events with a link to older ones; from an older page a link
// leads back to the newer page, which is the page read before though
// events were written meanwhile (those are on the newest page).
func TestAuditLogPagesBackAndForth(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	record := func(from, to int) {
		for i := from; i < to; i++ {
			if err := s.env.Catalog.RecordEvent(ctx, catalog.Event{User: "wang", Action: "test.event", Object: fmt.Sprintf("审计测试第%d号", i)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	record(0, 250)
	admin := s.login("admin")
	first, newer, older := shownEvents(t, admin, "/admin")
	if len(first) == 0 || first[0] != "249" || newer != "" || older == "" {
		t.Fatalf("the newest page: from %v, newer %q, older %q; want from 249, a link to older only", first[:min(1, len(first))], newer, older)
	}
	second, newer, older := shownEvents(t, admin, older)
	if len(second) != 100 || newer == "" || older == "" {
		t.Fatalf("the second page: %d events, newer %q, older %q; want 100 and both links", len(second), newer, older)
	}
	third, newer3, older3 := shownEvents(t, admin, older)
	if newer3 == "" || older3 != "" || third[len(third)-1] != "0" {
		t.Errorf("the oldest page: down to %v, newer %q, older %q; want down to 0, a link to newer only", third[len(third)-1:], newer3, older3)
	}
	record(250, 260) // written meanwhile: on the newest page, not shifting the others
	back, _, _ := shownEvents(t, admin, newer3)
	if fmt.Sprint(back) != fmt.Sprint(second) {
		t.Errorf("back from the oldest page: %v…, want the second page again %v…", back[:min(3, len(back))], second[:3])
	}
	above, newer, _ := shownEvents(t, admin, newer)
	if fmt.Sprint(above) != fmt.Sprint(first) || newer == "" {
		t.Errorf("newer from the second page: from %v, newer %q; want the page first read (from 249) and a link to the ten newer",
			above[:min(1, len(above))], newer)
	}
	newest, newer, _ := shownEvents(t, admin, newer)
	if len(newest) == 0 || newest[0] != "259" || newer != "" {
		t.Errorf("newer again: from %v, newer %q; want the newest page, whole, from 259, no newer link", newest[:min(1, len(newest))], newer)
	}
}
