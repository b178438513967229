package search

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAHitFoundByDigitsInsideANumberIsMarked: 15 asked for finds a
// document that writes it only inside 1.15万 (a substring, as search
// finds every string of a document), and its fragment and page mark
// those digits, so the reader sees why it was found; where the document
// also writes 15 as a number of its own, only that one is marked, never
// a part of another number.
func TestAHitFoundByDigitsInsideANumberIsMarked(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"D1": "全市举办学习活动周，其中线上参与1.15万人次。",
		"D2": "全市建成社区学校15所，线上参与1.15万人次。",
	}
	storeTexts(t, cat, idx, docs, "活动总结", catalog.DocWorkSummary)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	res, err := svc.Search(ctx, Request{Query: "15", User: admin})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ mark, never string }{
		"D1": {"1.<mark>15</mark>万人次", ""},
		"D2": {"<mark>15</mark>所", "1.<mark>"},
	}
	found := map[string]bool{}
	for _, h := range res.Hits {
		w, ok := want[h.ID]
		if !ok {
			continue
		}
		found[h.ID] = true
		if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, w.mark) || (w.never != "" && strings.Contains(h.Fragments[0].HTML, w.never)) {
			t.Errorf("%s's fragments %+v: want %q in the first, never %q", h.ID, h.Fragments, w.mark, w.never)
		}
		page, err := HighlightPage("15", docs[h.ID])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page, w.mark) || (w.never != "" && strings.Contains(page, w.never)) {
			t.Errorf("%s's page is marked %q: want %q in it, never %q", h.ID, page, w.mark, w.never)
		}
	}
	for id := range want {
		if !found[id] {
			t.Errorf("search 15: %s not found (hits %+v)", id, res.Hits)
		}
	}
}
