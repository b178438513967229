package web

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

var (
	docRowID = regexp.MustCompile(`<tr class="docrow" data-id="([^"]+)"`)
	nextLink = regexp.MustCompile(`href="([^"]*)" rel="next"`)
	prevLink = regexp.MustCompile(`href="([^"]*)" rel="prev"`)
)

// listed is the documents a list page shows, and its links back and on.
func listed(t *testing.T, b *browser, path string) (ids []string, prev, next string) {
	t.Helper()
	_, body := b.get(path)
	for _, m := range docRowID.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	if m := prevLink.FindStringSubmatch(body); m != nil {
		prev = html.UnescapeString(m[1])
	}
	if m := nextLink.FindStringSubmatch(body); m != nil {
		next = html.UnescapeString(m[1])
	}
	return ids, prev, next
}

// TestDocumentsListPagesHoldWhileUploadedAndDeleted: on the documents
// list, 下一页 after 杭州's first 50 documents shows the three not shown
// yet, though meanwhile two were uploaded (at the top) and one of the
// first page deleted: by page number the uploads pushed the 50th onto
// page two again, read twice, and the last was never reached. 上一页 from
// there shows the 50 just before, and its 下一页 leads to the same three;
// 上一页 again, with only one document before, shows the first page.
func TestDocumentsListPagesHoldWhileUploadedAndDeleted(t *testing.T) {
	s := newSite(t)
	for i := range 53 {
		s.env.Upload("330100", fmt.Sprintf("社区教育工作总结%02d.txt", i), fmt.Sprintf("杭州市第%d份社区教育工作总结。", i))
	}
	li := s.login("li")
	first, prev, next := listed(t, li, "/documents?city=330100")
	if len(first) != 50 || prev != "" || next == "" {
		t.Fatalf("first page: %d documents, back %q, on %q; want 50, no way back, a way on", len(first), prev, next)
	}
	older := s.env.Upload("330100", "新上传的文件一.txt", "杭州市学习型城市建设新文件之一。")
	newest := s.env.Upload("330100", "新上传的文件二.txt", "杭州市学习型城市建设新文件之二。")
	if _, err := s.env.Documents.Delete(context.Background(), testenv.Admin, first[10]); err != nil {
		t.Fatal(err)
	}
	second, prev, next2 := listed(t, li, next)
	all, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range all {
		if d.Filename[:len("社区")] == "社区" && !slices.Contains(first, d.ID) {
			want = append(want, d.ID)
		}
	}
	if !slices.Equal(second, want) || len(want) != 3 {
		t.Errorf("下一页 after two uploads and a delete: %v, want the three not shown yet %v", second, want)
	}
	if next2 != "" || prev == "" {
		t.Errorf("last page: back %q, on %q; want a way back and none on", prev, next2)
	}
	before, prev, next := listed(t, li, prev)
	if len(before) != 50 || before[0] != older.ID || slices.Contains(before, first[10]) || before[49] != first[49] {
		t.Errorf("上一页: %d documents from %v to %v; want 50, the older upload first, the deleted one gone, ending with %s",
			len(before), before[:min(1, len(before))], before[max(len(before)-1, 0):], first[49])
	}
	if prev == "" || next == "" {
		t.Errorf("上一页, one document before it: back %q, on %q; want both", prev, next)
	}
	if again, _, _ := listed(t, li, next); !slices.Equal(again, want) {
		t.Errorf("下一页 from 上一页: %v, want %v", again, want)
	}
	// Back again: only the newest upload is before, and the first page
	// is shown whole rather than a page of one.
	top, prev, _ := listed(t, li, prev)
	if len(top) != 50 || top[0] != newest.ID || top[1] != older.ID || prev != "" {
		t.Errorf("上一页 twice: %d documents from %v, back %q; want the first page: 50 from the newest upload, no way back",
			len(top), top[:min(2, len(top))], prev)
	}
	// An old link by page number still works.
	if byPage, _, _ := listed(t, li, "/documents?city=330100&page=2"); len(byPage) != 4 {
		t.Errorf("page=2 (54 documents now): %d documents, want 4", len(byPage))
	}
}
