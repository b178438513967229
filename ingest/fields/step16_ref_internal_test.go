package fields

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/catalog"
)

// The code before the thirtieth session's step 16 (bench/README.md),
// kept as the reference the faster code must equal.

// refPrepare is prepare before step 16: every character looked up.
func refPrepare(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r' || r == '\f' || r == '\v' || r == 0x2028 || r == 0x2029:
			r = '\n'
		case r == '\u3000' || r == '\t' || (r != '\n' && unicode.IsSpace(r)):
			r = ' '
		case catalog.IsInvisible(r):
			continue
		default:
			if f := width.LookupRune(r).Folded(); f != 0 {
				r = f
			}
		}
		b.WriteRune(r)
	}
	return dropSpaces(b.String())
}

// refChineseNumber is chineseNumber before step 16: a map made a call.
func refChineseNumber(s string, year bool) int {
	digits := map[rune]int{'〇': 0, '○': 0, '零': 0, 'O': 0, '0': 0, '一': 1, '二': 2, '三': 3, '四': 4,
		'五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	for i := '1'; i <= '9'; i++ {
		digits[i] = int(i - '0')
	}
	if year || !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range s {
			d, ok := digits[r]
			if !ok {
				return -1
			}
			n = n*10 + d
		}
		return n
	}
	tens, ones, _ := strings.Cut(s, "十")
	n := 10
	if tens != "" {
		n = 10 * digits[[]rune(tens)[0]]
	}
	if ones != "" {
		n += digits[[]rune(ones)[0]]
	}
	return n
}

// TestPrepareKeepsWithoutLookup: the characters prepare keeps without
// looking them up are ones the lookups keep as they are.
func TestPrepareKeepsWithoutLookup(t *testing.T) {
	for _, span := range [][2]rune{{0x21, 0x7e}, {0x4e00, 0x9fff}} {
		for r := span[0]; r <= span[1]; r++ {
			if unicode.IsSpace(r) || catalog.IsInvisible(r) || width.LookupRune(r).Folded() != 0 || r == 0x3000 {
				t.Fatalf("U+%04X is kept by prepare without a lookup, but a lookup changes it", r)
			}
		}
	}
}

// preparedTexts are the fixtures' texts, each page alone and the pages
// joined, and generated texts with every kind of character prepare
// treats apart: breaks, spaces of every width, invisible marks,
// full-width forms, bytes that are not UTF-8.
func preparedTexts(t testing.TB) []string {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) < 40 {
		t.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	var texts []string
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(body))
		texts = append(texts, strings.Split(string(body), "\f")...)
	}
	pieces := []string{"杭州市教育局", "关于印发", "学习型城市建设", "的通知", "杭政办发〔2018〕12号", "（试行）",
		"２０１９年３月５日", "二〇一九年三月十二日", "ＡＢＣ", "abc", " ", "  ", "\u3000", "\t", "\r\n", "\n", "\f", "\v",
		"\u2028", "\u2029", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\xff", "\xe6\x9d", "：", "，", "。", "、", "《》",
		"ｶﾀｶﾅ", "〇", "○", "𠀀", "1", "2018", ".", "(", ")", "—", "\u0085", "\u1680", "\u2003"}
	rng := rand.New(rand.NewPCG(16, 30))
	for range 500 {
		var b strings.Builder
		for range rng.IntN(300) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestPrepareMatchesReference: prepare gives what it gave before step 16,
// byte for byte, so the fields read from it do not move.
func TestPrepareMatchesReference(t *testing.T) {
	for i, s := range preparedTexts(t) {
		if got, want := prepare(s), refPrepare(s); got != want {
			t.Fatalf("text %d (%.80q): prepare gave %.200q, the reference %.200q", i, s, got, want)
		}
	}
}

// TestChineseNumberMatchesReference: every string of up to three
// characters of numerals, 十 and others reads as it read with the map.
func TestChineseNumberMatchesReference(t *testing.T) {
	alphabet := []rune("〇○零O0123456789一二三四五六七八九十两a１\uFFFD年")
	var check func(prefix []rune)
	check = func(prefix []rune) {
		s := string(prefix)
		for _, year := range []bool{true, false} {
			if got, want := chineseNumber(s, year), refChineseNumber(s, year); got != want {
				t.Fatalf("chineseNumber(%q, %v) = %d, the reference %d", s, year, got, want)
			}
		}
		if len(prefix) == 3 {
			return
		}
		for _, r := range alphabet {
			check(append(prefix, r))
		}
	}
	check(nil)
	for _, s := range []string{"\xff十", "十\xff", "\xe4\xb8十"} {
		if got, want := chineseNumber(s, false), refChineseNumber(s, false); got != want {
			t.Fatalf("chineseNumber(%q) = %d, the reference %d", s, got, want)
		}
	}
}

// BenchmarkPrepare is prepare over the fixtures' pages, before step 16
// ("reference") and now.
func BenchmarkPrepare(b *testing.B) {
	texts := preparedTexts(b)
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			refPrepare(texts[i%len(texts)])
		}
	})
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			prepare(texts[i%len(texts)])
		}
	})
}

// TestPrepareEachCharacterAsReference: every character, between Han
// characters and beside ASCII, prepares as the reference prepares it, so
// the bytes keptPrefix passes over are the ones the lookups keep.
func TestPrepareEachCharacterAsReference(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == 0xd800 {
			r = 0xe000 // surrogates are no characters
		}
		s := "杭" + string(r) + "a" + string(r) + "\u4e00" + string(r)
		if got, want := prepare(s), refPrepare(s); got != want {
			t.Fatalf("U+%04X: prepare gave %q, the reference %q", r, got, want)
		}
	}
}
