package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchCountsWordsMissedAsWords: a search whose word the text holds
// where its segmentation crossed it (健全 in 建立|健|全市) finds nothing
// and says how many documents hold the word (as_substring); asked to
// match substrings, it finds them with the word marked, and says that
// its results may hold words inside other words. 市长 is no hit in
// 南京市长江大桥 as a word, and counted there; the filters and the scope
// hold for the count as for the search, and the export of a search of
// substrings finds what it finds.
func TestSearchCountsWordsMissedAsWords(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := []struct{ id, city, text string }{
		{"J1", "330100", "建立健全市、区(县)、街道(乡镇)、社区(村)四级社区教育网络。"},
		{"J2", "330200", "建立健全市、区(县)两级老年教育网络。"},
		{"S1", "330100", "南京市长江大桥是市民晨练的去处。"},
		{"S2", "330100", "市长出席全民终身学习活动周开幕式。"},
		{"X1", "330100", "推动线上线下学习资源融合共享。"},
	}
	for _, d := range docs {
		cd := &catalog.Document{ID: d.id, SHA256: strings.ToLower(d.id) + "cc", Size: 10, MIME: "text/plain", Format: "txt", Filename: d.id + ".txt",
			Title: "工作总结", DocType: catalog.DocWorkSummary, City: d.city, Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, cd, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: cd.Title, Pages: []string{d.text}, City: d.city}}); err != nil {
			t.Fatal(err)
		}
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		name      string
		req       Request
		want      []string
		missed    uint64
		words     []string
		substring bool
	}{
		{"crossed word", Request{Query: "健全"}, nil, 2, []string{"健全"}, false},
		{"crossed word in one city", Request{Query: "健全", Cities: []string{"330200"}}, nil, 1, []string{"健全"}, false},
		{"crossed word with another", Request{Query: "健全 社区教育"}, nil, 1, []string{"健全"}, false},
		{"crossed word as substrings", Request{Query: "健全", Substring: true}, []string{"J1", "J2"}, 0, nil, true},
		{"as a word, not in 南京市长江大桥", Request{Query: "市长"}, []string{"S2"}, 1, []string{"市长"}, false},
		{"as substrings, in 南京市长江大桥", Request{Query: "市长", Substring: true}, []string{"S1", "S2"}, 0, nil, true},
		{"two crossed words", Request{Query: "线下 OR 健全"}, nil, 3, []string{"线下", "健全"}, false},
		{"no crossed word", Request{Query: "社区教育网络"}, []string{"J1"}, 0, nil, false},
	} {
		req := tt.req
		req.User = admin
		res, err := svc.Search(ctx, req)
		if err != nil {
			t.Fatalf("%s: search %q: %v", tt.name, req.Query, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, "<mark>") {
				t.Errorf("%s: search %q: %s has no mark in its fragments %+v", tt.name, req.Query, h.ID, h.Fragments)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: search %q: got %v, want %v", tt.name, req.Query, got, tt.want)
		}
		var missed uint64
		var words []string
		if res.AsSubstring != nil {
			missed, words = res.AsSubstring.Count, res.AsSubstring.Words
		}
		if missed != tt.missed || !slices.Equal(words, tt.words) {
			t.Errorf("%s: search %q: as_substring %d %v, want %d %v", tt.name, req.Query, missed, words, tt.missed, tt.words)
		}
		if (res.SubstringNotice != "") != tt.substring || (res.SubstringNoticeEn != "") != tt.substring {
			t.Errorf("%s: search %q: substring notice %q / %q, want one: %v", tt.name, req.Query, res.SubstringNotice, res.SubstringNoticeEn, tt.substring)
		}
	}
	for _, substring := range []bool{false, true} {
		_, total, _, err := svc.exportRows(ctx, Request{Query: "健全", Substring: substring, User: admin}, "", false)
		if want := map[bool]uint64{false: 0, true: 2}[substring]; err != nil || total != want {
			t.Errorf("export 健全 with Substring %v: %d documents (%v), want %d", substring, total, err, want)
		}
	}
	res, err := svc.Search(ctx, Request{Query: "健全", Substring: true, User: admin})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Fragments[0].HTML, "<mark>健全</mark>") {
			t.Errorf("search 健全 as substrings: %s is not marked on 健全: %s", h.ID, h.Fragments[0].HTML)
		}
	}
}
