package search

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

func TestFragmentCache(t *testing.T) {
	words := func(w string) index.Query {
		return index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: w}}}}, Size: 10}
	}
	old := []string{"杭州市推进学分银行建设，成效显著。社区教育覆盖全市。"}
	changed := []string{"杭州市推进学分银行试点，另有新意。社区教育覆盖全市。"} // the same spans
	span := func(page, w string) []index.Span {
		i := strings.Index(page, w)
		return []index.Span{{Page: 1, Start: i, End: i + len(w)}}
	}
	var c fragmentCache
	tests := []struct {
		name  string
		query string // its one word, also the word marked
		id    string
		pages []string
		want  string
		kept  bool
	}{
		{"first search builds", "学分银行", "d1", old, "成效显著", false},
		{"the same hit again (the index changed or not): kept", "学分银行", "d1", old, "成效显著", true},
		{"the document's text changed: built anew", "学分银行", "d1", changed, "另有新意", false},
		{"its new text again: kept", "学分银行", "d1", changed, "另有新意", true},
		{"its old text again (an older search): built, not the newer's", "学分银行", "d1", old, "成效显著", false},
		{"another document with the same text: built for it", "学分银行", "d2", old, "成效显著", false},
		{"other words in the same document (other spans): built", "社区教育", "d1", old, "<mark>社区教育</mark>", false},
		{"the first words again: kept", "学分银行", "d1", old, "成效显著", true},
	}
	for _, tt := range tests {
		before := c.counts()
		spans := span(tt.pages[0], tt.query)
		got := c.builder(words(tt.query))(tt.id, tt.pages, spans)
		fresh := uncachedFragments(words(tt.query))(tt.id, tt.pages, spans)
		if !reflect.DeepEqual(got, fresh) {
			t.Errorf("%s: %v, built afresh %v", tt.name, got, fresh)
		}
		if html := keptFragmentsHTML(got); !strings.Contains(html, tt.want) {
			t.Errorf("%s: %s, want %s", tt.name, html, tt.want)
		}
		if after := c.counts(); (after.Kept > before.Kept) != tt.kept {
			t.Errorf("%s: kept %v, want %v (%+v → %+v)", tt.name, after.Kept > before.Kept, tt.kept, before, after)
		}
	}
}

func TestFragmentCacheComparesSpans(t *testing.T) {
	q := index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: "学分银行"}}}}, Size: 10}
	pages := []string{"学分银行建设。" + strings.Repeat("其他工作。", 60) + "学分银行试点，另有新意。"}
	first := strings.Index(pages[0], "学分银行")
	last := strings.LastIndex(pages[0], "学分银行")
	var c fragmentCache
	c.builder(q)("d1", pages, []index.Span{{Page: 1, Start: first, End: first + len("学分银行")}})
	got := keptFragmentsHTML(c.builder(q)("d1", pages, []index.Span{{Page: 1, Start: last, End: last + len("学分银行")}}))
	if !strings.Contains(got, "另有新意") {
		t.Errorf("the passage of the other span: %s", got)
	}
}

func keptFragmentsHTML(f []Fragment) string {
	var b strings.Builder
	for _, x := range f {
		b.WriteString(x.HTML)
	}
	return b.String()
}

// TestPassagesKeptOverIndexChanges: a search after the index changed gives
// the passages a new service builds, keeping those of the hits whose text
// did not change and building those of a document indexed again with other
// text (same ID, same offsets of its word).
func TestPassagesKeptOverIndexChanges(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	storeTexts(t, cat, idx, map[string]string{
		"D1": "杭州市推进学分银行建设，成效显著。",
		"D2": "宁波市学分银行试点工作总结。",
	}, "学分银行工作", catalog.DocWorkSummary)
	svc := NewService(idx, cat)
	t.Cleanup(svc.Close)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	search := func(s *Service) *Result {
		t.Helper()
		res, err := s.Search(ctx, Request{Query: "学分银行", User: admin})
		if err != nil {
			t.Fatal(err)
		}
		res.TookMS = 0
		return res
	}
	same := func(step string) *Result {
		t.Helper()
		fresh := NewService(idx, cat)
		defer fresh.Close()
		got, want := search(svc), search(fresh)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, a new service: %+v", step, got, want)
		}
		return got
	}
	same("first search")
	storeTexts(t, cat, idx, map[string]string{"D3": "温州市学分银行制度。"}, "学分银行工作", catalog.DocWorkSummary)
	before := svc.frags.counts()
	same("after another document was indexed")
	if after := svc.frags.counts(); after.Kept-before.Kept < 2 {
		t.Errorf("passages kept for %d hits after the index changed, want D1's and D2's (%+v → %+v)", after.Kept-before.Kept, before, after)
	}
	if err := idx.Index(ctx, []index.Document{{ID: "D1", Title: "学分银行工作", Pages: []string{"杭州市推进学分银行试点，另有新意。"}, City: "330100"}}); err != nil {
		t.Fatal(err)
	}
	res := same("after D1 was indexed again with other text")
	for _, h := range res.Hits {
		if h.ID == "D1" && !strings.Contains(keptFragmentsHTML(h.Fragments), "另有新意") {
			t.Errorf("D1's passages after its text changed: %+v", h.Fragments)
		}
	}
}

// TestFragmentCacheKeepsWhatIsAskedAgain: the passages of a hit asked
// again stay kept however many others are built since, those of a hit
// never asked again go once the cache has filled twice, and the cache
// stays within its bound.
func TestFragmentCacheKeepsWhatIsAskedAgain(t *testing.T) {
	q := index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: "学分银行"}}}}}
	pages := []string{"杭州市推进学分银行建设。"}
	spans := []index.Span{{Page: 1, Start: strings.Index(pages[0], "学分银行"), End: strings.Index(pages[0], "学分银行") + len("学分银行")}}
	var c fragmentCache
	build := c.builder(q)
	kept := func(id string) bool {
		before := c.counts().Kept
		build(id, pages, spans)
		return c.counts().Kept > before
	}
	kept("asked again")
	kept("asked once")
	for i := range 3 * fragmentCacheHits {
		kept(fmt.Sprintf("other-%d", i))
		if i%(fragmentCacheHits/2) == 0 && !kept("asked again") {
			t.Fatalf("after %d other hits: the passages of a hit asked again were let go", i+1)
		}
	}
	if kept("asked once") {
		t.Error("the passages of a hit asked once stayed kept after the cache filled three times")
	}
	if n := len(c.newer) + len(c.older); n > 2*fragmentCacheHits {
		t.Errorf("%d entries kept, want at most %d", n, 2*fragmentCacheHits)
	}
}

// TestKeptPassagesReadNoNumbers: a page whose passages are all kept does
// not read the numbers of the query's words (every search form of each),
// which only building a passage needs.
func TestKeptPassagesReadNoNumbers(t *testing.T) {
	q := index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: "2019年"}}}, {Any: []index.Term{{Text: "学分银行"}}}}}
	pages := []string{"2019年杭州市推进学分银行建设。"}
	spans := []index.Span{{Page: 1, Start: 0, End: len("2019年")}}
	var c fragmentCache
	c.builder(q)("d1", pages, spans)
	kept := testing.AllocsPerRun(20, func() { c.builder(q)("d1", pages, spans) })
	numbers := testing.AllocsPerRun(20, func() { termNumbers(q.Clauses) })
	if kept >= numbers {
		t.Errorf("a kept page's passages took %.0f allocations, reading the words' numbers alone %.0f", kept, numbers)
	}
	t.Logf("kept page: %.0f allocations; the words' numbers: %.0f", kept, numbers)
}

// TestFragmentCacheCountsSpans: the spans a kept entry copies count
// towards the cache's bytes, so that a hit marked at every character of
// a short page (a one-character word) is not kept for more than its
// pages' bytes: here 192 KiB of page and 1.5 MiB of spans, over the
// bound of one entry (1 MiB).
func TestFragmentCacheCountsSpans(t *testing.T) {
	q := index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: "市", Substring: true}}}}}
	pages := []string{strings.Repeat("市", 1<<16)}
	var spans []index.Span
	for i := 0; i < len(pages[0]); i += len("市") {
		spans = append(spans, index.Span{Page: 1, Start: i, End: i + len("市")})
	}
	var c fragmentCache
	c.builder(q)("d1", pages, spans)
	if n := len(c.newer); n != 0 {
		t.Errorf("%d entries kept of a hit whose %d spans take %d bytes, over the bound of one (%d)",
			n, len(spans), len(spans)*24, fragmentCacheBytes/16)
	}
}
