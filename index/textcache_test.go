package index

import (
	"context"
	"strings"
	"testing"
	"unsafe"
)

// TestHitTextInflatedOnce: a document found again after the index
// changed (every kept result forgotten) has its text from the text
// cache, the same string, not inflated anew; a document indexed again
// with other text shows its new text.
func TestHitTextInflatedOnce(t *testing.T) {
	ctx := context.Background()
	idx := newTestIndex(t)
	q := Query{Clauses: terms("学分银行"), Size: 10, WithText: true}
	first, err := idx.Search(ctx, q)
	if err != nil || len(first.Hits) == 0 || len(first.Hits[0].Pages) == 0 {
		t.Fatalf("search 学分银行: %v, %+v", err, first)
	}
	// Another document written: the kept result is forgotten, and the
	// search is computed again.
	other := Document{ID: "ningbo", Title: "宁波市终身教育条例", City: "330200", DocType: "regulation", Year: 2019,
		Pages: []string{"宁波市推进终身教育,建设学习型城市。"}}
	if err := idx.Index(ctx, []Document{other}); err != nil {
		t.Fatal(err)
	}
	second, err := idx.Search(ctx, q)
	if err != nil || len(second.Hits) != len(first.Hits) {
		t.Fatalf("search 学分银行 again: %v, %d hits, want %d", err, len(second.Hits), len(first.Hits))
	}
	for i, h := range second.Hits {
		was := first.Hits[i]
		if h.ID != was.ID || strings.Join(h.Pages, "\f") != strings.Join(was.Pages, "\f") {
			t.Fatalf("hit %d: %s with other text than the first search's %s", i, h.ID, was.ID)
		}
		if unsafe.StringData(h.Pages[0]) != unsafe.StringData(was.Pages[0]) {
			t.Errorf("hit %s: its text inflated again, not taken from the text cache", h.ID)
		}
	}
	if idx.texts.hits == 0 {
		t.Errorf("text cache: no hits after the same documents were found twice")
	}
	// The document indexed again with new text shows the new text.
	doc := corpus[0]
	doc.Pages = []string{"杭政办〔2016〕12号", "学分银行由市开放大学建设和管理。"}
	if err := idx.Index(ctx, []Document{doc}); err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10, WithText: true, Filter: Filter{IDs: []string{doc.ID}}})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search the document indexed again: %v, %+v", err, res)
	}
	if got := strings.Join(res.Hits[0].Pages, "|"); !strings.Contains(got, "开放大学建设和管理") {
		t.Errorf("document indexed again with new text: shows %q", got)
	}
}

// TestTextCacheBounded: the cache keeps no more bytes than its bound,
// dropping the least recently used text first, and keeps no text larger
// than an entry's bound.
func TestTextCacheBounded(t *testing.T) {
	var c textCache
	stored := func(text string) string {
		s, err := deflateText(text)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	huge := stored(strings.Repeat("学习型城市建设", textCacheMaxEntry/len("学习型城市建设")+1))
	if _, err := c.text(huge); err != nil {
		t.Fatal(err)
	}
	if c.lru.Len() != 0 {
		t.Errorf("a text over %d bytes was kept", textCacheMaxEntry)
	}
	// Texts of about 1 MB each, with a different head so that each
	// deflates to its own value: more of them than the bound holds.
	page := strings.Repeat("社区教育学分银行老年大学", (1<<20)/len("社区教育学分银行老年大学"))
	var keys []string
	for i := range 2 * textCacheBytes / (1 << 20) {
		s := stored(strings.Repeat("第", i+1) + page)
		keys = append(keys, s)
		text, err := c.text(s)
		if err != nil || !strings.HasSuffix(text, page) {
			t.Fatalf("text %d: %v", i, err)
		}
		if c.bytes > textCacheBytes {
			t.Fatalf("after text %d: %d bytes kept, bound %d", i, c.bytes, textCacheBytes)
		}
	}
	if _, ok := c.entries[keys[0]]; ok {
		t.Errorf("the least recently used text is still kept")
	}
	if _, ok := c.entries[keys[len(keys)-1]]; !ok {
		t.Errorf("the last text is not kept")
	}
}
