package neardup

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestHanFastPathIsHan: the range Shingles takes as Han without looking
// it up holds Han characters only, and nothing under its other bound is.
func TestHanFastPathIsHan(t *testing.T) {
	for r := rune(0); r <= 0x9fff; r++ {
		inRange := r >= 0x4e00
		if han := unicode.Is(unicode.Han, r); inRange && !han || r < 0x2e80 && han {
			t.Fatalf("U+%04X: unicode.Han %v, but Shingles takes it as Han: %v", r, han, inRange)
		}
	}
}

// fingerprintTexts are the texts the fingerprint is held to its
// reference on: the labelled near-duplicate set's real documents (their
// versions, layouts and OCR readings) and generated ones.
func fingerprintTexts(t testing.TB) [][]string {
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	if err != nil || len(paths) < 50 {
		t.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	var texts [][]string
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(body), "\f"))
	}
	rng := rand.New(rand.NewPCG(15, 16))
	for range 300 {
		texts = append(texts, generatedPages(rng))
	}
	return append(texts,
		nil, []string{}, []string{""}, []string{"学习"}, []string{"学", "习", "城"}, []string{"学习型", ""},
		[]string{"共3.", "1宣传"}, []string{"共3", ".1宣传"}, []string{"增长12．", "５%"},
		[]string{"\xff\xfe学习\xc0型城市"}, []string{"𠀀𠀁学习〇〆々"})
}

// pieces are what generated pages are made of: Han text, numbers with
// decimal points in both widths, letters in both widths and cases,
// punctuation, line and page breaks, rare and non-BMP Han characters,
// kana, and bytes that are not UTF-8.
var pieces = []string{
	"学习型城市", "终身教育", "社区学院", "老年大学", "全民终身学习活动周", "杭州市教育局", "各区县（市）",
	"3.1万人次", "12．5%", "２０１９年", "第3条.", ".5", "3.", "v.2", "1.宣传", "ＡＢＣ", "Abc", "xyz",
	"，", "。", "：", "、", "（", "）", "〔2018〕12号", " ", "\n", "\t", "—3—", "𠀀", "〇", "々", "ヶ",
	"あ", "\u3400", "\ufa0e", "\xff", "\xe5\xad", ".", "．", "0", "9", "Ｚ", "ｚ",
}

// generatedPages is a text of one to four pages made of random pieces.
func generatedPages(rng *rand.Rand) []string {
	pages := make([]string, 1+rng.IntN(4))
	for i := range pages {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		pages[i] = b.String()
	}
	return pages
}

// TestFingerprintMatchesReference: the shingle set and the bands of band
// scheme 1 (LegacyFingerprint) equal, bit for bit, those of the code
// before step 16, whose bands the catalogs keep until they are computed
// again: a band that changed would no longer find, during the change of
// scheme, the near duplicates of documents stored before.
func TestFingerprintMatchesReference(t *testing.T) {
	compared := 0
	for i, pages := range fingerprintTexts(t) {
		want, got := refShingles(pages...), Shingles(pages...)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("text %d (%.60q): Shingles gave %d shingles (nil %v), the reference %d (nil %v)",
				i, pages, len(got), got == nil, len(want), want == nil)
		}
		wantFP, wantOK := refFingerprint(want)
		gotFP, gotOK := got.LegacyFingerprint()
		if gotFP != wantFP || gotOK != wantOK {
			t.Fatalf("text %d (%.60q): LegacyFingerprint %v %v, the reference %v %v", i, pages, gotFP, gotOK, wantFP, wantOK)
		}
		if wantOK {
			compared++
		}
	}
	if compared < 200 {
		t.Fatalf("only %d texts had a fingerprint: the test compares too few bands", compared)
	}
}

// BenchmarkFingerprintPipeline is the near-duplicate fingerprint of one
// document as the extraction worker computes it (ingest.fingerprint):
// the shingle set and the bands of each text of the labelled set (about
// 7 KB each), by the code before step 16 ("reference"), band scheme 1
// as it is computed today ("scheme1") and band scheme 2 ("now"), run one
// after the other for a fair comparison on a busy
// machine.
func BenchmarkFingerprintPipeline(b *testing.B) {
	texts := fingerprintTexts(b)[:59]
	size := 0
	for _, pages := range texts {
		for _, p := range pages {
			size += len(p)
		}
	}
	run := func(b *testing.B, shingles func(...string) Set, fingerprint func(Set) (Fingerprint, bool)) {
		b.SetBytes(int64(size / len(texts)))
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			fingerprint(shingles(texts[i%len(texts)]...))
		}
	}
	b.Run("reference", func(b *testing.B) { run(b, refShingles, refFingerprint) })
	b.Run("scheme1", func(b *testing.B) { run(b, Shingles, Set.LegacyFingerprint) })
	b.Run("now", func(b *testing.B) { run(b, Shingles, Set.Fingerprint) })
}
