package search

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A year typed in Arabic digits finds the documents that write it in
// Chinese numerals, with any sign of zero, and the other way round; each
// hit's fragment marks the year as its document writes it.
func TestSearchYearsInEitherNumerals(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"D1": "二〇二三年全市新增社区学校十所。",
		"D2": "2023年全市新增学习点四十个。",
		"D3": "二零二三年全市终身学习品牌项目评选结果公布。",
		"D4": "二〇二二年全市新建老年大学两所。",
	}
	storeTexts(t, cat, idx, docs, "学习型城市建设工作总结", catalog.DocWorkSummary)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	marks := map[string]string{"D1": "<mark>二〇二三年", "D2": "<mark>2023年", "D3": "<mark>二零二三年"}
	for _, q := range []string{"2023年", "二〇二三年", "二零二三年 全市"} {
		res, err := svc.Search(ctx, Request{Query: q, User: admin})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, h := range res.Hits {
			got[h.ID] = true
			if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, marks[h.ID]) {
				t.Errorf("search %q: %s's fragments %+v, want %s in them", q, h.ID, h.Fragments, marks[h.ID])
			}
		}
		if len(got) != 3 || !got["D1"] || !got["D2"] || !got["D3"] {
			t.Errorf("search %q: hits %v, want D1, D2 and D3", q, got)
		}
	}
}
