package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// Normalize as it was before the forty-eighth session (bench/README.md,
// ingest step 29): every character decoded, looked up and written again,
// and each pass of joinRuns a new copy of the page. The faster code must
// give the same bytes: the index's offsets and the stored texts' hashes
// are taken on them.

func refNormalize(s string) string {
	s = refPrepare(s)
	// One pass decides each whitespace run from its neighbours; removing a
	// run can change the neighbourhood of the next one (a ',' gains a Han
	// neighbour), so repeat until nothing changes. Passes only ever remove
	// runs, so this ends after at most one pass per run and usually after
	// the second pass.
	for {
		next := refJoinRuns(s)
		if next == s {
			return s
		}
		s = next
	}
}

func refPrepare(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // the '\n' follows
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte('\t')
		case isInvisible(r):
			// dropped
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			// Widths folded, radicals read as their ideographs: the one
			// fold fields.Unfold matches titles by.
			b.WriteRune(catalog.FoldRune(r))
		}
	}
	return b.String()
}

func refJoinRuns(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev, prev2 rune = -1, -1 // last two runes written, -1 if none
	lineStart := 0                // where the line being written starts in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			b.WriteString(s[i : i+size])
			prev2, prev = prev, r
			i += size
			continue
		}
		j, newlines := i, 0
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if !isSpace(c) {
				break
			}
			if c == '\n' {
				newlines++
			}
			j += n
		}
		if prev >= 0 && j < len(s) { // leading and trailing runs are trimmed
			next, n := utf8.DecodeRuneInString(s[j:])
			// The context of a run looks through other whitespace: in
			// "银行\n,\n推进" the ',' sits between 行 and 推.
			next2 := rune(-1)
			for k := j + n; k < len(s); {
				c, size := utf8.DecodeRuneInString(s[k:])
				if !isSpace(c) {
					next2 = c
					break
				}
				k += size
			}
			run := runReplacement(prev2, prev, next, next2, newlines)
			if newlines == 1 && run != "\n" && headingBreak(b.String()[lineStart:], nextLine(s[j:])) {
				run = "\n"
			}
			b.WriteString(run)
			if strings.Contains(run, "\n") {
				lineStart = b.Len()
			}
		}
		i = j
	}
	return b.String()
}

// TestKeptRunesAreKept: every character keptPrefix keeps without looking
// it up is one prepareRune would write as it is.
func TestKeptRunesAreKept(t *testing.T) {
	for r := rune(0); r <= 0xffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		if keptPrefix(s) == 0 {
			continue
		}
		var b strings.Builder
		prepareRune(&b, r, "")
		if b.String() != s {
			t.Fatalf("U+%04X is kept as it is by keptPrefix, but prepareRune writes %q", r, b.String())
		}
	}
}

// TestNormalizeAsBefore: Normalize gives the bytes the code before gave
// (refNormalize) on the text fixtures, on texts made of the pieces a
// page is made of (whitespace of every kind between Han, digits, folded
// and full-width marks, radicals, headings, invisible characters and
// bytes that are not UTF-8), on random bytes, and on each character of
// the Basic Multilingual Plane and beyond between Han characters and
// spaces.
func TestNormalizeAsBefore(t *testing.T) {
	var texts []string
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), "\f")...)
		if text, _, err := decodeText(data); err == nil {
			texts = append(texts, strings.Split(text, "\f")...)
		}
	}
	if len(texts) < 5 {
		t.Fatalf("only %d texts from the fixtures", len(texts))
	}
	rng := rand.New(rand.NewPCG(29, 48))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(200) {
			b.WriteString(normalizePieces[rng.IntN(len(normalizePieces))])
		}
		texts = append(texts, b.String())
	}
	for range 300 {
		raw := make([]byte, rng.IntN(300))
		for i := range raw {
			raw[i] = byte(rng.UintN(256))
		}
		texts = append(texts, string(raw))
	}
	for r := rune(0); r <= 0x10ffff; r += 1 + rune(rng.IntN(3)) {
		c := string(r)
		texts = append(texts, "学"+c+"习 "+c+"\n"+c+" 2023年"+c)
	}
	for i, s := range texts {
		if got, want := Normalize(s), refNormalize(s); got != want {
			t.Fatalf("text %d (%.80q): Normalize gave %.80q, before %.80q (first difference at byte %d)",
				i, s, got, want, firstDiff(got, want))
		}
	}
}

// normalizePieces are what TestNormalizeAsBefore's texts are made of.
var normalizePieces = []string{
	"学习型城市", "终身教育", "社区学院", "杭州市教育局", "全民终身学习活动周", "2017", "２０１９年", "342", "ABC", "ａｂｃ",
	" ", "  ", "\t", "\n", "\n\n", " \n ", "\r\n", "\r", "\f", "\v", "\u3000", "\u00a0", "\u2028", "\u0085",
	"，", ",", "。", "、", "：", "；", "（", "）", "(", ")", "〔", "〕", "《", "》", "“", "”", "‘", "’", "—", "…", "·",
	"⼈", "⺠", "⽂", "\u200b", "\ufeff", "\u00ad", "\x00", "\x07", "\x7f", "\xff", "\xe5\xad", "\xc0", "\ufffd",
	"二、主要指标\n2023年", "情况如下。\n二、主要指标\n2023年全市", "一、", "（一）", "第一章", "3.1万", "%", "％", "ｶ", "｡", "\U00020000", "〇",
}
