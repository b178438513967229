package index

import (
	"slices"
	"strings"
	"testing"
)

// TestSearchFormsAskedAgainAreKept: a word's search forms asked again are
// the same forms, given with no allocation; a caller appending to them
// does not change what the next caller is given.
func TestSearchFormsAskedAgainAreKept(t *testing.T) {
	words := []string{"学分银行", "12000人", "一万二千人", "2018-03-20", "二〇二三年", "2023年", "杭政办发〔2015〕58号",
		"杭政办发 〔2015〕 58 号", "ISO9001", "GB/T 28827.1", "MOOCs", "十全十美", "1.2万人"}
	for _, word := range words {
		want := wordForms(word)
		if got := searchForms(word); !slices.Equal(got, want) {
			t.Errorf("searchForms(%q) = %q, want %q", word, got, want)
		}
		if allocs := testing.AllocsPerRun(20, func() { searchForms(word) }); allocs != 0 {
			t.Errorf("searchForms(%q) asked again: %.0f allocations, want 0 (the kept forms)", word, allocs)
		}
		_ = append(searchForms(word), "追加")
		if got := searchForms(word); !slices.Equal(got, want) {
			t.Errorf("searchForms(%q) after a caller appended = %q, want %q", word, got, want)
		}
	}
}

// BenchmarkSearchForms is the load's vocabulary's forms, asked word by
// word, as each search of make load asks them of its words.
func BenchmarkSearchForms(b *testing.B) {
	words := []string{"学分银行", "社区教育", "老年大学", "终身学习", "学习型城市", "图书馆", "读书会", "继续教育"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		searchForms(words[i%len(words)])
		i++
	}
}

// TestHasQueryTermsAskedAgainIsKept: whether a text has anything to
// search by is QueryTerms' answer, the first time and when asked again,
// then with no allocation; a text longer than maxKeptText is not kept.
func TestHasQueryTermsAskedAgainIsKept(t *testing.T) {
	for _, text := range []string{"学分银行", "社区教育 老年大学", "，。、", "——", "2019年", "MOOCs"} {
		terms, err := QueryTerms(text)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if has, err := HasQueryTerms(text); err != nil || has != (len(terms) > 0) {
				t.Errorf("HasQueryTerms(%q) = %v, %v; want %v (QueryTerms %q)", text, has, err, len(terms) > 0, terms)
			}
		}
		if allocs := testing.AllocsPerRun(20, func() { HasQueryTerms(text) }); allocs != 0 {
			t.Errorf("HasQueryTerms(%q) asked again: %.0f allocations, want 0 (the kept answer)", text, allocs)
		}
	}
	long := strings.Repeat("学习型城市", maxKeptText/len("学习型城市")+1)
	HasQueryTerms(long)
	if _, kept := searchableTexts.get(long); kept {
		t.Errorf("a text of %d bytes was kept (at most %d)", len(long), maxKeptText)
	}
}
