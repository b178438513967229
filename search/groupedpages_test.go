package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestVersionsPagedAsOneGroup: results are paged by groups of versions.
// The .pdf and .docx of one policy rank first and third; with two results
// a page, the .docx would open page 2 beside page 1's .pdf. It is folded
// into the .pdf on page 1 instead, page 2 lists the next groups, no
// document is listed twice, and the counts say documents and groups.
func TestVersionsPagedAsOneGroup(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	text := "全市推进社区教育，建成社区学校一百二十所。"
	// Listed newest upload first (ids in descending order): POLICY-PDF,
	// SUMMARY, POLICY-DOCX, NEWS, CASE.
	ids := []string{"E-POLICY-PDF", "D-SUMMARY", "C-POLICY-DOCX", "B-NEWS", "A-CASE"}
	texts := map[string]string{}
	for _, id := range ids {
		texts[id] = text
	}
	storeTexts(t, cat, idx, texts, "社区教育工作", catalog.DocPolicy)
	if err := cat.AddNearDuplicates(ctx, "E-POLICY-PDF", []catalog.NearDuplicate{{ID: "C-POLICY-DOCX", Similarity: 0.98}}); err != nil {
		t.Fatal(err)
	}
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	page := func(from int) *Result {
		t.Helper()
		res, err := svc.Search(ctx, Request{Query: "社区教育", Sort: index.SortUploaded, From: from, Size: 2, User: admin})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 5 || res.Groups != 4 {
			t.Errorf("page from %d: total %d in %d groups, want 5 documents in 4 groups", from, res.Total, res.Groups)
		}
		return res
	}
	tests := []struct {
		from   int
		want   []string
		folded int
	}{
		{0, []string{"E-POLICY-PDF", "D-SUMMARY"}, 1},
		{2, []string{"B-NEWS", "A-CASE"}, 0},
		{4, nil, 0},
	}
	var listed []string
	for _, tt := range tests {
		res := page(tt.from)
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			listed = append(listed, h.ID)
			listed = append(listed, h.NearDuplicateIDs...)
		}
		if !slices.Equal(got, tt.want) || res.Folded != tt.folded {
			t.Errorf("page from %d: %v folding %d, want %v folding %d", tt.from, got, res.Folded, tt.want, tt.folded)
		}
		if tt.from == 0 && (res.Hits[0].NearDuplicates != 1 || !slices.Equal(res.Hits[0].NearDuplicateIDs, []string{"C-POLICY-DOCX"})) {
			t.Errorf("the .pdf counts %d versions %v, want the .docx", res.Hits[0].NearDuplicates, res.Hits[0].NearDuplicateIDs)
		}
	}
	slices.Sort(listed)
	if want := slices.Sorted(slices.Values(ids)); !slices.Equal(listed, want) {
		t.Errorf("the pages list %v, want every document once: %v", listed, want)
	}
}
