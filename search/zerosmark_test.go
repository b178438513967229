package search

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAMarkTakesTrailingZerosAsTheIndexDoes: a search for 3.1 marks
// 3.10% (the per cent 3.1% with a trailing zero, as the index finds it)
// but not the clause 第3.10条, the tenth of clause 3, in a text that
// holds both, nor 2024.10 (October), and 96.5 marks 96.50% whole.
func TestAMarkTakesTrailingZerosAsTheIndexDoes(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	storeTexts(t, cat, idx, map[string]string{
		"clause": "依据办法第3.10条，本年度完成率达3.1%，较上年的3.10%持平。",
		"month":  "第一阶段2024.1启动，第二阶段2024.10完成，指标值为3.1。",
	}, "材料", catalog.DocWorkSummary)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, c := range []struct{ q, id, want, notWant string }{
		{"3.1", "clause", "<mark>3.10</mark>%", "第<mark>3.10</mark>条"},
		{"3.1", "clause", "<mark>3.1</mark>%", "第<mark>3.1"},
		{"2024.1", "month", "<mark>2024.1</mark>启动", "<mark>2024.10"},
	} {
		res, err := NewService(idx, cat).Search(ctx, Request{Query: c.q, User: admin, Size: 10})
		if err != nil {
			t.Fatalf("search %q: %v", c.q, err)
		}
		var html string
		for _, h := range res.Hits {
			if h.ID == c.id {
				for _, f := range h.Fragments {
					html += f.HTML
				}
			}
		}
		if !strings.Contains(html, c.want) || strings.Contains(html, c.notWant) {
			t.Errorf("search %q marks %s as %q: want %q, not %q", c.q, c.id, html, c.want, c.notWant)
		}
	}
}
