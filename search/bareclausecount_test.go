package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchFindsBareChineseCounts: a count in Chinese numerals that ends
// a clause (总人次达一百万。) or stands in a list of figures (一百万、二百万)
// is found, in an index on disk, by its value written any way (100万,
// 1000000, 一百万), and the fragment marks it on its page; the heading
// 十二、, the serial 第一百二十期 and the vague 几十万 are no numbers, and
// a figure a word bounds (超过一百万: a 约数) is found only as written.
func TestSearchFindsBareChineseCounts(t *testing.T) {
	ctx := context.Background()
	cat, _ := openStores(t)
	idx, err := index.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	pages := map[string][]string{
		"total":   {"二〇二四年终身学习工作总结", "全市终身学习总人次达一百万。"},
		"list":    {"三年来全市终身学习总人次分别为一百万、二百万和三百万。"},
		"labels":  {"十二、工作措施\n举办第一百二十期培训班，几十万市民参与。"},
		"bounded": {"全市终身学习总人次超过一百万。"},
	}
	for id, ps := range pages {
		d := &catalog.Document{ID: id, SHA256: id + "aa", Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			Title: "终身学习工作报告", DocType: catalog.DocWorkSummary, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: id, Title: d.Title, Pages: ps, City: "330100"}}); err != nil {
			t.Fatal(err)
		}
	}
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	tests := []struct {
		q      string
		want   []string
		marked map[string]string // what the first fragment of a hit marks
	}{
		{"100万", []string{"list", "total"}, map[string]string{"list": "一百万", "total": "一百万"}},
		{"1000000", []string{"list", "total"}, map[string]string{"list": "一百万", "total": "一百万"}},
		{"一百万", []string{"bounded", "list", "total"}, map[string]string{"list": "一百万", "total": "一百万"}},
		{"2000000", []string{"list"}, map[string]string{"list": "二百万"}},
		{"12", nil, nil},
		{"120", nil, nil},
		{"100000", nil, nil},
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
		for _, h := range res.Hits {
			want, ok := tt.marked[h.ID]
			if !ok {
				continue
			}
			page := len(pages[h.ID])
			if len(h.Fragments) == 0 || h.Fragments[0].Page != page || markedText(h.Fragments[0].HTML) != want {
				t.Errorf("search %q: %s's fragments %+v, want page %d marking %q", tt.q, h.ID, h.Fragments, page, want)
			}
		}
	}
}
