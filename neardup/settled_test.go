package neardup_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

// hanText is n Han characters drawn by rng (no numerals).
func hanText(rng *rand.Rand, n int) []rune {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = rune(0x4e00 + 200 + rng.IntN(2500))
	}
	return rs
}

// readWhole writes text to a Reader in parts and ends it.
func readWhole(t *testing.T, r *neardup.Reader, text string) {
	t.Helper()
	b := []byte(text)
	for len(b) > 0 {
		n := min(len(b), 4096*3)
		if err := r.Write(b[:n]); err != nil {
			t.Fatal(err)
		}
		b = b[n:]
	}
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
}

// TestLongHeldScanIsNotReadAgainToAlign: a held scan of more than 200,000
// characters is never aligned, so a text close to it (Jaccard about 0.83)
// read without Align has its Similarity at once, the whole texts' one,
// rather than asking to be read again.
func TestLongHeldScanIsNotReadAgainToAlign(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	base := hanText(rng, 200_001)
	misread := append([]rune(nil), base[:200_000]...)
	for i := 50; i < len(misread); i += 30 + rng.IntN(5) {
		misread[i] = rune(0x4e00 + 3000 + rng.IntN(500))
	}
	held := &neardup.Held{Text: neardup.Text{Pages: []string{string(base)}, OCR: true}, Set: neardup.Shingles(string(base))}
	read := string(misread)
	want := neardup.Similarity(held.Text, neardup.Text{Pages: []string{read}}, held.Set, neardup.Shingles(read))
	if want < neardup.OCRFloor || want >= neardup.Threshold {
		t.Fatalf("test texts at %v, not between the OCR floor and the threshold", want)
	}
	r := neardup.NewReader(held)
	readWhole(t, r, read)
	got, err := r.Similarity(0, false)
	if errors.Is(err, neardup.ErrNotAligned) {
		t.Fatal("a held scan too long to align asks for the text to be read again")
	}
	if err != nil || got != want {
		t.Errorf("similarity %v (%v), want %v", got, err, want)
	}
}

// TestReaderSettlesOnAnUnrelatedText: a long text unrelated to every held
// one (a 工作总结 against two notices) settles long before its end, and
// what Similarity gives when it is ended there is, bit for bit, what it
// gives after the whole text, OCR or not.
func TestReaderSettlesOnAnUnrelatedText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	a, b := string(hanText(rng, 3000)), string(hanText(rng, 5000))
	held := []*neardup.Held{
		{Text: neardup.Text{Pages: []string{a}}, Set: neardup.Shingles(a)},
		{Text: neardup.Text{Pages: []string{b}, OCR: true}, Set: neardup.Shingles(b)},
	}
	other := string(hanText(rng, 100_000))
	whole := neardup.NewReader(held...)
	readWhole(t, whole, other)

	early := neardup.NewReader(held...)
	rs := []rune(other)
	at := -1
	for i := 0; i < len(rs); i += 1000 {
		if err := early.Write([]byte(string(rs[i:min(i+1000, len(rs))]))); err != nil {
			t.Fatal(err)
		}
		if early.Settled() {
			at = i + 1000
			break
		}
	}
	if at < 0 || at > len(rs)/4 {
		t.Fatalf("unrelated text settled after %d of %d characters", at, len(rs))
	}
	if err := early.End(); err != nil {
		t.Fatal(err)
	}
	for i := range held {
		for _, ocr := range []bool{false, true} {
			w, werr := whole.Similarity(i, ocr)
			g, gerr := early.Similarity(i, ocr)
			if werr != nil || gerr != nil || g != w || g >= neardup.OCRFloor {
				t.Errorf("held %d ocr %v: settled %v (%v), whole %v (%v)", i, ocr, g, gerr, w, werr)
			}
		}
	}
	if partial := neardup.NewReader(held...); partial.Settled() {
		t.Error("a Reader that has read nothing is settled")
	}
}
