package neardup_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/neardup"
)

// readStreamed reads pages into a Reader against held, cut at random
// places (whole characters, a '.' and the digit after it often apart),
// and returns it ended.
func readStreamed(t testing.TB, rng *rand.Rand, pages []string, held ...*neardup.Held) *neardup.Reader {
	t.Helper()
	return readStreamedAligned(t, rng, true, pages, held...)
}

// readStreamedAligned is readStreamed with or without Align.
func readStreamedAligned(t testing.TB, rng *rand.Rand, align bool, pages []string, held ...*neardup.Held) *neardup.Reader {
	t.Helper()
	r := neardup.NewReader(held...)
	r.Align = align
	for _, p := range pages {
		b := []byte(p)
		for len(b) > 0 {
			n := min(len(b), 1+rng.IntN(40))
			if k := strings.IndexByte(string(b[:n]), '.'); k >= 0 && rng.IntN(2) == 0 {
				n = k + 1
			}
			for n < len(b) && !utf8.RuneStart(b[n]) {
				n++
			}
			if err := r.Write(b[:n]); err != nil {
				t.Fatal(err)
			}
			b = b[n:]
		}
		r.EndPage()
	}
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
	return r
}

// splitPages cuts s into pages at random line breaks.
func splitPages(rng *rand.Rand, s string) []string {
	lines := strings.SplitAfter(s, "\n")
	var pages []string
	for len(lines) > 0 {
		n := min(len(lines), 1+rng.IntN(12))
		pages = append(pages, strings.Join(lines[:n], ""))
		lines = lines[n:]
	}
	return pages
}

// TestReaderGivesSimilarityBitForBit: on every labelled pair (Chinese
// notices, drafts, templates, scans read by OCR with misreads, floods of
// one line), both ways, a text read as a stream in random parts and pages
// has the Similarity the two texts held whole have, to the last bit (read
// without its characters kept, and again with them for the pairs that
// must be aligned); a
// text the Reader found too different to be a near duplicate before its
// end has one under OCRFloor both ways.
func TestReaderGivesSimilarityBitForBit(t *testing.T) {
	pairs, err := neardup.LoadPairs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(21, 15))
	forgivenSeen, cutSeen, aligned := 0, 0, 0
	for _, p := range pairs {
		for _, way := range []struct {
			held, read string
			heldOCR    bool
			readOCR    bool
		}{{p.TextA, p.TextB, p.OCRA, p.OCRB}, {p.TextB, p.TextA, p.OCRB, p.OCRA}} {
			heldPages, readPages := splitPages(rng, way.held), splitPages(rng, way.read)
			held := &neardup.Held{Text: neardup.Text{Pages: heldPages, OCR: way.heldOCR}, Set: neardup.Shingles(heldPages...)}
			read := neardup.Text{Pages: readPages, OCR: way.readOCR}
			want := neardup.Similarity(held.Text, read, held.Set, neardup.Shingles(readPages...))
			got, err := readStreamedAligned(t, rng, false, readPages, held).Similarity(0, way.readOCR)
			if errors.Is(err, neardup.ErrNotAligned) {
				aligned++
				got, err = readStreamed(t, rng, readPages, held).Similarity(0, way.readOCR)
			}
			if err != nil {
				t.Fatal(err)
			}
			jac := neardup.Jaccard(held.Set, neardup.Shingles(readPages...))
			switch {
			case got == want:
				if want != jac {
					forgivenSeen++
				}
			case want < neardup.OCRFloor && got < neardup.OCRFloor && got >= want:
				cutSeen++
			default:
				t.Errorf("%s ~ %s (%s): streamed %v, held whole %v", p.A, p.B, p.Kind, got, want)
			}
		}
	}
	if forgivenSeen == 0 || cutSeen == 0 || aligned == 0 {
		t.Errorf("the pairs tried %d similarities forgiven their misreads, %d texts cut short, %d read again to align; want some of each",
			forgivenSeen, cutSeen, aligned)
	}
}

// TestReaderNormalisesAsNormalize: decimal points, full-width forms and
// letters, cut anywhere, read as Normalize reads them page by page.
func TestReaderNormalisesAsNormalize(t *testing.T) {
	alphabet := []string{"学", "习", "型", "城", "市", "0", "1", "2", "９", "８", ".", "．", "Ａ", "b", "Z", "，", "\n", " ", "万", "%", "〇", "二"}
	rng := rand.New(rand.NewPCG(3, 1))
	for range 300 {
		var pages []string
		for range 1 + rng.IntN(3) {
			var b strings.Builder
			for range rng.IntN(200) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			pages = append(pages, b.String())
		}
		held := &neardup.Held{Text: neardup.Text{Pages: pages}, Set: neardup.Shingles(pages...)}
		want := neardup.Similarity(held.Text, held.Text, held.Set, held.Set)
		got, err := readStreamed(t, rng, pages, held).Similarity(0, false)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%q read as a stream: similarity %v with itself held whole, want %v", pages, got, want)
		}
	}
}

// TestReaderHoldsLittleOfABigText: a text of 3 MB that shares little with
// the held notice is known not to be its near duplicate after a few
// thousand shingles: what the Reader asks to hold stays near the notice's
// size, and a Hold that refuses stops it with its error.
func TestReaderHoldsLittleOfABigText(t *testing.T) {
	held := &neardup.Held{Text: neardup.Text{Pages: []string{notice}}, Set: neardup.Shingles(notice)}
	var held64 int64
	r := neardup.NewReader(held)
	r.Align = true
	r.Hold = func(n int64) error { held64 += n; return nil }
	var b strings.Builder
	for i := range 200_000 {
		b.WriteString("第")
		b.WriteString(string(rune('一' + i%5000)))
		b.WriteString("条。")
	}
	big := []byte(b.String())
	for len(big) > 0 {
		n := min(len(big), 64<<10)
		for n < len(big) && !utf8.RuneStart(big[n]) {
			n++
		}
		if err := r.Write(big[:n]); err != nil {
			t.Fatal(err)
		}
		big = big[n:]
	}
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
	if sim, _ := r.Similarity(0, false); sim >= neardup.OCRFloor {
		t.Errorf("similarity %v of an unrelated big text", sim)
	}
	// The characters kept to align (at most 200,000 runes) and the
	// shingles the notice lacks, a quarter of its own.
	if held64 > 2<<20 {
		t.Errorf("the Reader asked to hold %d bytes for a text of %d bytes", held64, len(b.String()))
	}

	refused := errors.New("budget spent")
	r = neardup.NewReader(held)
	r.Align = true
	r.Hold = func(n int64) error { return refused }
	if err := r.Write([]byte(notice)); !errors.Is(err, refused) {
		t.Errorf("Write under a refusing Hold: %v, want its error", err)
	}
	if _, err := r.Similarity(0, false); !errors.Is(err, neardup.ErrNotEnded) {
		t.Errorf("Similarity of a Reader stopped: %v, want ErrNotEnded", err)
	}
}
