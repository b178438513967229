package spreadsheet

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCutUTF8HeadIsNotDecodedAsUTF16 holds the sniffer's cheap answer: the
// first bytes of a UTF-8 Chinese text, cut inside a character as a
// sniffer's head is, are told to be no UTF-16 at once, without decoding
// them twice as UTF-16 (which every text upload paid twice: bench/README.md,
// ingest step 26).
func TestCutUTF8HeadIsNotDecodedAsUTF16(t *testing.T) {
	text := []byte(strings.Repeat("关于印发《学习型城市建设监测指标》的通知，各责任单位：", 40))
	start := 1024 // a character's first byte (each here is three)
	for !utf8.RuneStart(text[start]) {
		start--
	}
	for cut := 1; cut < 3; cut++ {
		head := text[:start+cut]
		if utf8.Valid(head) {
			t.Fatalf("head of %d bytes: want it cut inside a character", len(head))
		}
		var enc string
		allocs := testing.AllocsPerRun(10, func() { enc = BOMlessUTF16Head(head) })
		if enc != "" {
			t.Fatalf("head cut %d bytes into a character: got %q, want no UTF-16", cut, enc)
		}
		if allocs != 0 {
			t.Errorf("head cut %d bytes into a character: %v allocations, want none (decoded as UTF-16)", cut, allocs)
		}
	}
}

// TestUTF16HeadsAreStillFound: BOM-less UTF-16 heads, cut at any byte, are
// still told apart from cut UTF-8.
func TestUTF16HeadsAreStillFound(t *testing.T) {
	text := strings.Repeat("关于印发学习型城市建设监测指标的通知", 20)
	var le, be []byte
	for _, r := range text {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
	}
	for cut := 0; cut < 4; cut++ {
		if got := BOMlessUTF16Head(le[:len(le)-cut]); got != "utf-16le" {
			t.Errorf("UTF-16LE cut by %d bytes: got %q, want utf-16le", cut, got)
		}
		if got := BOMlessUTF16Head(be[:len(be)-cut]); got != "utf-16be" {
			t.Errorf("UTF-16BE cut by %d bytes: got %q, want utf-16be", cut, got)
		}
	}
}

// TestWholeUTF16FileEndingLikeCutUTF8IsUTF16 (review s47 #8): a whole file
// is judged strictly. BOM-less UTF-16BE whose characters are each two
// ASCII bytes (中 is "N-") and whose last, 以 (4E E5), ends on a UTF-8
// lead byte is valid UTF-8 but for a last character cut short: as a head
// it may be cut UTF-8, as a whole file it is UTF-16 and is decoded so.
func TestWholeUTF16FileEndingLikeCutUTF8IsUTF16(t *testing.T) {
	var data []byte
	for _, r := range strings.Repeat("南山区中华学习周", 6) + "以" {
		data = append(data, byte(r>>8), byte(r))
	}
	if utf8.Valid(data) || !utf8.Valid(data[:len(data)-1]) {
		t.Fatal("the test needs UTF-16BE that is valid UTF-8 but for its last byte")
	}
	if got := BOMlessUTF16(data); got != "utf-16be" {
		t.Errorf("whole file: BOMlessUTF16 = %q, want utf-16be", got)
	}
	if got := BOMlessUTF16Head(data); got != "" {
		t.Errorf("as a head: BOMlessUTF16Head = %q, want none (cut UTF-8)", got)
	}
	text, enc, err := DecodeText(data)
	if err != nil || enc != "utf-16be" || !strings.HasPrefix(text, "南山区中华学习周") || !strings.HasSuffix(text, "学习周以") {
		t.Errorf("DecodeText: %q, %q, %v; want the UTF-16BE text", text, enc, err)
	}
}

// BenchmarkLooksTextOfCutHead is a text upload's sniff of its head: the
// first 1,024 bytes of a UTF-8 Chinese text, cut inside a character.
func BenchmarkLooksTextOfCutHead(b *testing.B) {
	text := []byte(strings.Repeat("关于印发《学习型城市建设监测指标》的通知，各责任单位：", 40))
	head := text[:1024]
	b.ReportAllocs()
	for b.Loop() {
		if !LooksText(head) {
			b.Fatal("not text")
		}
	}
}
