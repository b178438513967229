package search

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// markedText is what the marks of a fragment or a page hold, whitespace
// left out (a fragment shows a line break as a space), joined by "|".
func markedText(html string) string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<mark>(.*?)</mark>`).FindAllStringSubmatch(html, -1) {
		out = append(out, strings.Join(strings.Fields(m[1]), ""))
	}
	return strings.Join(out, "|")
}

// TestSearchSpansABreakAfterAMark: a string that runs over the end of a
// line or a paragraph after a clause mark (加强1,200人。 at a line's end,
// 优化文化礼堂 on the next, as a PDF's text or a DOCX's paragraphs give it)
// is found as a user copies it from a viewer or types it from the paper:
// without the break, with the mark full-width or half-width, and with a
// space or a CRLF typed there in a phrase. The fragment marks it whole on
// its page, and the document's page marks it too. A paragraph that a
// blank line parts without a mark is no sentence's end, and stays apart.
func TestSearchSpansABreakAfterAMark(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	pages := map[string][]string{
		"PDF":  {"浙江省文化礼堂建设情况汇报", "一、主要做法\n各街道加强1,200人。\n优化文化礼堂布局;\n完成培训:\n开设讲座!\n举办活动?\n推进学分银行建设。", "三、下一步打算。"},
		"DOCX": {"学员达到1,200人。\n\n另外优化文化礼堂建设。"},
		"CRLF": {"全年服务群众3,400人次。\r\n提升社区教育质量。"},
		"标题":   {"二、主要指标\n\n1,200名学员优化礼堂"},
	}
	for id, ps := range pages {
		d := &catalog.Document{ID: id, SHA256: strings.ToLower(id) + "aa", Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			Title: "工作总结", DocType: catalog.DocWorkSummary, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: id, Title: d.Title, Pages: ps, City: "330100"}}); err != nil {
			t.Fatal(err)
		}
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	tests := []struct {
		q      string
		want   []string
		page   int    // of the first fragment of the first hit
		marked string // in it
	}{
		{"1,200人。优化", []string{"PDF"}, 2, "1,200人。优化"},
		{"人。优化", []string{"PDF"}, 2, "人。优化"},
		{`"人。 优化"`, []string{"PDF"}, 2, "人。优化"},
		{"\"人。\r\n优化\"", []string{"PDF"}, 2, "人。优化"},
		{"布局；完成", []string{"PDF"}, 2, "布局；完成"},
		{"布局;完成", []string{"PDF"}, 2, "布局；完成"},
		{"培训：开设", []string{"PDF"}, 2, "培训：开设"},
		{"培训:开设", []string{"PDF"}, 2, "培训：开设"},
		{"讲座！举办", []string{"PDF"}, 2, "讲座！举办"},
		{"活动？推进", []string{"PDF"}, 2, "活动？推进"},
		{"活动?推进", []string{"PDF"}, 2, "活动？推进"},
		{"人次。提升", []string{"CRLF"}, 1, "人次。提升"},
		{"人。另外优化", []string{"DOCX"}, 1, "人。另外优化"},
		// Typed with a space, two words: each is marked.
		{"人。 优化", []string{"DOCX", "PDF"}, 0, ""},
		// Nothing new found: a heading has no mark before its blank line.
		{"主要指标1,200名", nil, 0, ""},
	}
	for _, tt := range tests {
		res, err := svc.Search(ctx, Request{Query: tt.q, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
			continue
		}
		if tt.page == 0 {
			continue
		}
		f := res.Hits[0].Fragments
		if len(f) == 0 || f[0].Page != tt.page || markedText(f[0].HTML) != tt.marked {
			t.Errorf("search %q: fragments %+v, want page %d marking %q", tt.q, f, tt.page, tt.marked)
		}
		html, err := highlightDocumentPage(tt.q, pages[tt.want[0]], tt.page, index.NewMatcherFor)
		if err != nil {
			t.Fatal(err)
		}
		if got := markedText(html); got != tt.marked {
			t.Errorf("search %q: the document's page %d marks %q, want %q", tt.q, tt.page, got, tt.marked)
		}
	}
}
