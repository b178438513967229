package extract

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract/internal/hanpairs"
)

// TestHanPairsTableIsTheDictionarys: hanpairs.bin is what go generate
// makes from gse's dictionaries, simplified and traditional.
func TestHanPairsTableIsTheDictionarys(t *testing.T) {
	paths, err := hanpairs.Dictionaries()
	if err != nil {
		t.Fatal(err)
	}
	want, err := hanpairs.Read(paths)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(hanPairsTable, want) {
		t.Fatalf("hanpairs.bin has %d bytes, the dictionary makes %d: run go generate ./ingest/extract", len(hanPairsTable), len(want))
	}
	for _, pair := range []string{"学习", "银行", "城市", "终身", "社区", "學習", "銀行"} {
		r := []rune(pair)
		if !isWordPair(r[0], r[1]) {
			t.Errorf("%s is not a word pair", pair)
		}
	}
	for _, pair := range []string{"市学", "行银", "的了"} {
		r := []rune(pair)
		if isWordPair(r[0], r[1]) {
			t.Errorf("%s is a word pair", pair)
		}
	}
}

// TestScrambledNeverFlagsRealText: no real text of the repository, whole
// or in windows of 100, 300 and 1,000 characters, reads as scrambled; the
// same windows with their characters substituted as another subset's map
// does read as scrambled, once long enough to judge (at least 90 %: a few
// are lists of short runs, which are not judged).
func TestScrambledNeverFlagsRealText(t *testing.T) {
	texts := realTexts(t)
	rng := rand.New(rand.NewPCG(1, 2))
	checked, caught, judged := 0, 0, 0
	for name, text := range texts {
		for _, size := range []int{0, 1000, 300, 100} {
			for _, piece := range pieces(text, size) {
				checked++
				if scrambled(piece) {
					t.Errorf("%s: %q is taken for scrambled text", name, piece)
				}
				s := substituted(piece, rng)
				if hanPairsIn(s) < scrambledMinPairs {
					continue
				}
				judged++
				if scrambled(s) {
					caught++
				}
			}
		}
	}
	for _, s := range realSamples {
		if scrambled(s.text) {
			t.Errorf("%s: %q is taken for scrambled text", s.what, s.text)
		}
	}
	if judged < 1000 || caught*100 < judged*90 {
		t.Errorf("caught %d of %d scrambled pieces, want 90 %% of at least 1,000", caught, judged)
	}
	t.Logf("%d texts, %d pieces: none scrambled; %d of %d substituted pieces caught", len(texts), checked, caught, judged)
}

// substituted is s with each character replaced by another of s, the
// same one every time: text read through another subset's map.
func substituted(s string, rng *rand.Rand) string {
	seen := map[rune]bool{}
	var chars []rune
	for _, r := range s {
		if !seen[r] && r > 0x7F {
			seen[r] = true
			chars = append(chars, r)
		}
	}
	to := append([]rune(nil), chars...)
	rng.Shuffle(len(to), func(i, j int) { to[i], to[j] = to[j], to[i] })
	m := map[rune]rune{}
	for i, r := range chars {
		m[r] = to[i]
	}
	return strings.Map(func(r rune) rune {
		if to, ok := m[r]; ok {
			return to
		}
		return r
	}, s)
}

func hanPairsIn(s string) int {
	n := 0
	var prev rune
	for _, r := range s {
		if r >= hanpairs.First && r <= hanpairs.Last && prev >= hanpairs.First && prev <= hanpairs.Last {
			n++
		}
		prev = r
	}
	return n
}

// TestScrambledLeavesListsOfNames: a list of people's names, real text
// with few word pairs, is not scrambled; short texts are not judged.
func TestScrambledLeavesListsOfNames(t *testing.T) {
	names := strings.Repeat("张伟、王芳、李秀英、刘洋、陈静、杨帆、赵磊、黄婷婷、周杰、吴敏、", 8)
	if hanPairsIn(names) < scrambledMinPairs {
		t.Fatalf("the list has %d pairs", hanPairsIn(names))
	}
	if scrambled(names) {
		t.Error("a list of names is taken for scrambled text")
	}
	if scrambled("市学行银的了城习") {
		t.Error("eight characters are judged")
	}
}
