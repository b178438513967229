package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestYearAndOctoberIsNotJanuary: 2024.10 is October, not 2024.1 with a
// decimal's trailing zero (96.50 is 96.5), so a search of 2024.1 (January)
// finds the plan that starts in January and not the one that starts in
// October, and marks 2024.1 alone where a text has both.
func TestYearAndOctoberIsNotJanuary(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	storeTexts(t, cat, idx, map[string]string{
		"october": "社区教育提升行动实施时间：2024.10—2025.06，分三个阶段推进。",
		"january": "老年教育扩容行动实施时间：2024.1—2024.6，分两个阶段推进。",
		"both":    "第一阶段2024.1启动，第二阶段2024.10完成验收。",
	}, "实施方案", catalog.DocWorkSummary)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	res, err := NewService(idx, cat).Search(ctx, Request{Query: "2024.1", User: admin, Size: 10})
	if err != nil {
		t.Fatalf("search 2024.1: %v", err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
		if h.ID != "both" {
			continue
		}
		for _, f := range h.Fragments {
			if strings.Contains(f.HTML, "<mark>2024.10</mark>") {
				t.Errorf("search 2024.1 marks October whole in %q", f.HTML)
			}
		}
	}
	slices.Sort(ids)
	if want := []string{"both", "january"}; !slices.Equal(ids, want) {
		t.Errorf("search 2024.1 found %v, want %v (2024.10 is October, not January)", ids, want)
	}
}
