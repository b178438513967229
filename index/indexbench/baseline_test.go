package indexbench

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestPhraseIndexesDifferOnATrap checks that each analysis is what it says:
// bigrams find 市长 across the word boundary of 南京市|长江大桥, the
// archive's pair and exact mode do not, and all three find the word itself.
func TestPhraseIndexesDifferOnATrap(t *testing.T) {
	docs := []index.Document{
		{ID: "trap", Pages: []string{"南京市长江大桥通车。"}},
		{ID: "word", Pages: []string{"市长出席了会议。"}},
	}
	want := map[Analysis][]string{AnalysisOurs: {"word"}, AnalysisExact: {"word"}, AnalysisCJK: {"trap", "word"}}
	for a, ids := range want {
		p, err := NewPhraseIndex(a)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		defer p.Close()
		if err := p.Add(context.Background(), docs); err != nil {
			t.Fatalf("%s: add: %v", a, err)
		}
		got, err := p.Match(context.Background(), "市长", 10)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		slices.Sort(got)
		if !slices.Equal(got, ids) {
			t.Errorf("%s: 市长 matched %v, want %v", a, got, ids)
		}
	}
}

func TestSegmentationHelpersAgree(t *testing.T) {
	text := "建立宁波市学分银行。"
	words, err := TagWords(text)
	if err != nil {
		t.Fatal(err)
	}
	joined := ""
	for _, w := range words {
		joined += w.Text
	}
	if joined != text {
		t.Errorf("TagWords does not give the text back: %q", joined)
	}
	n, err := SegmentForIndex([]byte(text))
	if err != nil || n < 3 {
		t.Errorf("SegmentForIndex: %d terms, %v", n, err)
	}
	if !slices.Contains(DomainWords(), "学分银行") {
		t.Errorf("domain vocabulary lacks 学分银行")
	}
}
