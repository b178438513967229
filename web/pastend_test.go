package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPagesPastTheEndLeadBackToTheLast: a page past the end of the
// documents or of a search (an old link after deletions, a typed page
// number) says nothing matches there and links back to the last page
// with results, not to the empty page before it, or nowhere.
func TestPagesPastTheEndLeadBackToTheLast(t *testing.T) {
	s := newSite(t)
	for i := range 3 {
		s.env.Upload("330100", fmt.Sprintf("学分银行%d.txt", i), fmt.Sprintf("杭州市建立学分银行第%d号文件。", i))
	}
	li := s.login("li")
	prev := regexp.MustCompile(`href="([^"]*)" rel="prev"`)
	for _, tc := range []struct{ path, want string }{
		{"/documents?city=330100&page=9", "/documents?city=330100&amp;sort=uploaded"},
		{"/search?q=" + "学分银行" + "&page=40", "page=1"},
	} {
		_, body := li.get(tc.path)
		m := prev.FindStringSubmatch(body)
		if m == nil || !strings.Contains(m[1], tc.want) {
			t.Errorf("%s: link back %v, want one to the last page (%s): %.600s", tc.path, m, tc.want, textOf(body))
		}
	}
}

// TestNextPageEmptiedLeadsBackToItsLastDocument: 下一页 after the last
// document shown, whose followers were deleted meanwhile, is empty; its
// 上一页 leads to a page that shows that document too, though more than a
// page of documents come before it.
func TestNextPageEmptiedLeadsBackToItsLastDocument(t *testing.T) {
	s := newSite(t)
	for i := range 53 {
		s.env.Upload("330100", fmt.Sprintf("社区教育总结%02d.txt", i), fmt.Sprintf("杭州市第%d份社区教育工作总结。", i))
	}
	ctx := context.Background()
	docs, _, err := s.env.Catalog.FindDocuments(ctx, catalog.DocumentFilter{City: "330100", Limit: 100})
	if err != nil || len(docs) != 53 {
		t.Fatalf("documents of 330100: %d, %v", len(docs), err)
	}
	last := docs[51] // the oldest, after it, is deleted meanwhile
	if _, err := s.env.Documents.Delete(ctx, testenv.Admin, docs[52].ID); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	after := "/documents?city=330100&sort=uploaded&after=" + url.QueryEscape(catalog.DocumentCursor(last, catalog.SortUploaded))
	shown, prev, _ := listed(t, li, after)
	if len(shown) != 0 || prev == "" {
		t.Fatalf("the emptied page: %v, back %q; want none and a way back", shown, prev)
	}
	if back, _, _ := listed(t, li, prev); !slices.Contains(back, last.ID) {
		t.Errorf("上一页 %s from the emptied page shows %d documents without %s, the last one shown before", prev, len(back), last.ID)
	}
}
