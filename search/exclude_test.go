package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestExcludedWordsLeaveOutTheirStrings: a word to exclude that the text
// may hold cut across other words (健全 in 建立|健|全市, 市长 in
// 南京市|长江大桥) leaves out every document holding it as a string, as
// the user asked, not only those where it stands as a word; a word that
// is not such a word (社区教育网络) is excluded as before. The saved
// search's count and the export exclude alike.
func TestExcludedWordsLeaveOutTheirStrings(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := []struct{ id, text string }{
		{"C1", "建立健全市、区（县）、街道（乡镇）、社区（村）四级社区教育网络。"}, // 健全 cut 建立|健|全市
		{"C2", "健全社区教育管理体制，完善学习型城市建设。"},            // 健全 as a word
		{"C3", "推进社区教育进家庭，办好社区教育学院。"},              // no 健全
		{"C4", "南京市长江大桥边的社区教育学习点。"},                // 市长 cut 南京市|长江大桥
	}
	for _, d := range docs {
		cd := &catalog.Document{ID: d.id, SHA256: strings.ToLower(d.id) + "dd", Size: 10, MIME: "text/plain", Format: "txt", Filename: d.id + ".txt",
			Title: "工作总结", DocType: catalog.DocWorkSummary, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, cd, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: cd.Title, Pages: []string{d.text}, City: "330100"}}); err != nil {
			t.Fatal(err)
		}
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"社区教育", []string{"C1", "C2", "C3", "C4"}},
		{"社区教育 -健全", []string{"C3", "C4"}},
		{"社区教育 NOT 健全", []string{"C3", "C4"}},
		{"社区教育 -市长", []string{"C1", "C2", "C3"}},
		{"社区教育 -健全 -市长", []string{"C3"}},
		{"社区教育 -社区教育网络", []string{"C2", "C3", "C4"}},
	} {
		for _, substring := range []bool{false, true} {
			req := Request{Query: tt.query, Substring: substring, User: admin}
			res, err := svc.Search(ctx, req)
			if err != nil {
				t.Fatalf("search %q: %v", tt.query, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("search %q (substring %v): got %v, want %v", tt.query, substring, got, tt.want)
			}
			among, err := svc.MatchingAmong(ctx, req, []string{"C1", "C2", "C3", "C4"})
			slices.Sort(among)
			if err != nil || !slices.Equal(among, tt.want) {
				t.Errorf("matching %q among all (a saved search's count): %v (%v), want %v", tt.query, among, err, tt.want)
			}
			if _, total, _, err := svc.exportRows(ctx, req, "", false); err != nil || total != uint64(len(tt.want)) {
				t.Errorf("export %q: %d documents (%v), want %d", tt.query, total, err, len(tt.want))
			}
		}
	}
}
