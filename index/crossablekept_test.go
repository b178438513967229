package index

import (
	"fmt"
	"testing"
)

// TestCrossableWordAskedAgainCostsNoSegmentation: a search asks
// IsCrossableWord of every word it has (search.asSubstring); a word asked
// before is answered from what was kept, with no allocation, and the
// answers are those of a first asking.
func TestCrossableWordAskedAgainCostsNoSegmentation(t *testing.T) {
	if err := Preload(); err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{"健全": true, "市长": true, "中小学": true, "图书馆": true, "终身学习": false, "学习型城市": false, "学分银行": false}
	for word, want := range words {
		if got := IsCrossableWord(word); got != want {
			t.Errorf("IsCrossableWord(%q) = %v, want %v", word, got, want)
		}
		if allocs := testing.AllocsPerRun(20, func() { IsCrossableWord(word) }); allocs != 0 {
			t.Errorf("IsCrossableWord(%q) asked again: %.0f allocations, want 0 (answered from what was kept)", word, allocs)
		}
		if got := IsCrossableWord(word); got != want {
			t.Errorf("IsCrossableWord(%q) asked again = %v, want %v", word, got, want)
		}
	}
}

// TestCrossableWordsKeptAreBounded: past maxKeptWords words, the kept
// answers start again rather than grow with every word ever typed, and
// the answers stay right.
func TestCrossableWordsKeptAreBounded(t *testing.T) {
	if err := Preload(); err != nil {
		t.Fatal(err)
	}
	for i := range maxKeptWords + 10 {
		IsCrossableWord(fmt.Sprintf("词%d", i))
	}
	if n := crossableWords.len(); n > maxKeptWords {
		t.Errorf("%d answers kept, want at most %d", n, maxKeptWords)
	}
	if !IsCrossableWord("健全") || IsCrossableWord("终身学习") {
		t.Error("answers wrong after the kept ones started again")
	}
}

// BenchmarkIsCrossableWord is the load's vocabulary asked word by word, as
// every search of make load asks it of its words.
func BenchmarkIsCrossableWord(b *testing.B) {
	if err := Preload(); err != nil {
		b.Fatal(err)
	}
	words := []string{"学分银行", "社区教育", "老年大学", "终身学习", "学习型城市", "图书馆", "读书会", "继续教育"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		IsCrossableWord(words[i%len(words)])
		i++
	}
}
