package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchSpansAMarkBeforeAFigure: a line that ends with a Chinese word
// and a colon or comma and goes on with a figure (参与人数：\n1,200人次, a
// form's label and its value; 覆盖社区，\n300个) is found as typed from the
// paper, 参与人数：1,200人次, like any other clause mark's line end: only a
// digit before the mark can make the two sides one number (12.\n5万,
// 1,200,\n300人), and those stay apart.
func TestSearchSpansAMarkBeforeAFigure(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	pages := map[string][]string{
		"表格": {"社区教育情况\n参与人数：\n1,200人次\n覆盖社区，\n300个"},
		"数字": {"全年增长12.\n5万人，共1,200,\n300人参加。"},
	}
	for id, ps := range pages {
		d := &catalog.Document{ID: id, SHA256: strings.ToLower(id) + "bb", Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
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
		marked string
	}{
		{"参与人数：1,200人次", []string{"表格"}, "参与人数：1,200人次"},
		{"人数:1,200", []string{"表格"}, "人数：1,200"},
		{"覆盖社区，300个", []string{"表格"}, "覆盖社区，300个"},
		// A number a line wrap parted, a list of figures: never one number.
		{"12.5万", nil, ""},
		{"1,200,300人", nil, ""},
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
		if len(tt.want) == 0 {
			continue
		}
		if f := res.Hits[0].Fragments; len(f) == 0 || f[0].Page != 1 || markedText(f[0].HTML) != tt.marked {
			t.Errorf("search %q: fragments %+v, want page 1 marking %q", tt.q, f, tt.marked)
		}
	}
}
