package index

import (
	"strings"
	"testing"
)

func TestStoredTextRoundTrips(t *testing.T) {
	texts := []string{
		"",
		"宁波市学分银行\f第二页:2017年共举办342场,English words, emoji 😀, 繁體字, ㄅㄆㄇ, \u00a0",
		strings.Repeat("社区教育是终身教育体系的重要组成部分。", 500),
	}
	for _, text := range texts {
		stored, err := deflateText(text)
		if err != nil {
			t.Fatalf("deflate %.20q: %v", text, err)
		}
		got, err := inflateText(stored)
		if err != nil || got != text {
			t.Fatalf("round trip of %.20q: got %.20q, %v", text, got, err)
		}
		if len(text) > 1000 && len(stored) > len(text)/4 {
			t.Errorf("stored %d bytes for %d of repetitive text", len(stored), len(text))
		}
	}
}

func BenchmarkDeflateText(b *testing.B) {
	text := strings.Repeat("为深入贯彻落实党的教育方针,加快推进学习型城市建设,结合本市实际,制定本实施意见。", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := deflateText(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInflateText(b *testing.B) {
	text := strings.Repeat("为深入贯彻落实党的教育方针,加快推进学习型城市建设,结合本市实际,制定本实施意见。", 40)
	stored, _ := deflateText(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := inflateText(stored); err != nil {
			b.Fatal(err)
		}
	}
}
