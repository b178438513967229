package web

import (
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPagesPastTheEndShowTheLast: a page number past the end of a paged
// listing (an old link after deletions, a typed number, one too large for
// any integer) or no page number at all (negative, not digits) shows the
// last page, or the first, with a notice saying so, on every paged page
// alike: never an empty list, never a 500. (The API answers such a page
// 400; a person is shown where the list ends.)
func TestPagesPastTheEndShowTheLast(t *testing.T) {
	s := newSite(t)
	for i := range 3 {
		s.env.Upload("330100", fmt.Sprintf("学分银行%d.txt", i), fmt.Sprintf("杭州市建立学分银行第%d号文件。", i))
	}
	li := s.login("li")
	for _, path := range []string{"/documents?city=330100", "/search?q=" + url.QueryEscape("学分银行"), "/review?status=pending", "/values?status=pending"} {
		for _, tc := range []struct{ page, notice string }{
			{"9", "没有第 9 页（共 1 页），下面是最后一页"},
			{"999999", "没有第 999999 页（共 1 页）"},
			{"9223372036854775807", "没有第 9223372036854775807 页"},
			{"99999999999999999999999999", "没有第 999999999999999999999999… 页"},
			{"-3", "页码“-3”不是有效的页码"},
			{"0", "页码“0”不是有效的页码"},
			{"第二页", "页码“第二页”不是有效的页码"},
		} {
			resp, body := li.get(path + "&page=" + url.QueryEscape(tc.page))
			if resp.StatusCode != 200 || !strings.Contains(textOf(body), tc.notice) {
				t.Errorf("%s, page=%s: %d %.300s; want 200 saying %q", path, tc.page, resp.StatusCode, textOf(body), tc.notice)
				continue
			}
			if got := resp.Request.URL.Query(); got.Has("page") || got.Get("city") != mustQuery(t, path).Get("city") {
				t.Errorf("%s, page=%s: shown at %s, want the only page with the same filters", path, tc.page, resp.Request.URL)
			}
			if strings.Contains(path, "/documents") && !strings.Contains(body, "学分银行0") {
				t.Errorf("%s, page=%s: the last page does not show the documents", path, tc.page)
			}
		}
		// The notice is shown once: a reload of the page shown says nothing.
		resp, _ := li.get(path + "&page=9")
		if _, again := li.get(resp.Request.URL.RequestURI()); strings.Contains(textOf(again), "下面是最后一页") {
			t.Errorf("%s: the notice is shown again on reload", path)
		}
	}
}

// TestPastTheEndNoticeInEnglish: the notice is in the page's language.
func TestPastTheEndNoticeInEnglish(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行。")
	li := s.login("li")
	u, _ := url.Parse(s.srv.URL)
	li.c.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: string(English), Path: "/"}})
	for path, want := range map[string]string{
		"/documents?page=9":  "There is no page 9 (1 page in all); this is the last",
		"/documents?page=-1": "“-1” is not a page number (1 or more); this is the first page",
	} {
		if _, body := li.get(path); !strings.Contains(textOf(body), want) {
			t.Errorf("%s: %.300s; want %q", path, textOf(body), want)
		}
	}
}

func mustQuery(t *testing.T, path string) url.Values {
	t.Helper()
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
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

// TestPastTheEndKeepsAFormsNotice: a form sent back to a page that is now
// past the end (a verdict on the last page's last item) shows the last
// page with the form's notice (审核结论已保存), not "no such page".
func TestPastTheEndKeepsAFormsNotice(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "工作总结.txt", "杭州市学分银行建设工作总结。")
	b := s.login("wang")
	u, _ := url.Parse(s.srv.URL)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte("审核结论已保存")), Path: "/"}})
	resp, page := b.get("/documents?page=7")
	text := html.UnescapeString(textOf(page))
	if resp.StatusCode != 200 || !strings.Contains(text, "审核结论已保存") || strings.Contains(text, "没有第 7 页") {
		t.Errorf("a page past the end with a form's notice pending: %d %.600s", resp.StatusCode, text)
	}
}
