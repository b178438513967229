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
		"造字:\ue000\ue5e5\uf8ff,张\ue123明", // private use: home-made glyphs in names
		"\x00\ufffd\U0010ffff\U00020000",
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

func TestEveryCodePointRoundTrips(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // not a character
		}
		b.WriteRune(r)
		if b.Len() > 1<<16 || r == 0x10FFFF {
			text := b.String()
			stored, err := deflateText(text)
			if err != nil {
				t.Fatalf("deflate up to U+%04X: %v", r, err)
			}
			got, err := inflateText(stored)
			if err != nil || got != text {
				t.Fatalf("code points up to U+%04X do not round-trip (%v)", r, err)
			}
			b.Reset()
		}
	}
}
