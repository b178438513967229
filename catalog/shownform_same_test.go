package catalog

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// TestShownFormOrder: the marks are judged in the order Fullwidth always
// judged them, each seeing those judged before it as they became — pairs
// of parentheses as they close, halves without a pair, the other marks
// left to right, then square brackets — so a run of marks takes full
// width from the Chinese on its left, not on its right.
func TestShownFormOrder(t *testing.T) {
	tests := []struct{ in, want string }{
		{"市政府(一)(二)", "市政府\uFF08一\uFF09\uFF08二\uFF09"},
		{"(a)(b)学分银行", "(a)\uFF08b\uFF09学分银行"},
		{"学分银行,,a", "学分银行\uFF0C\uFF0Ca"},
		{"a,,学分银行", "a,\uFF0C学分银行"},
		{"社区((a))", "社区\uFF08(a)\uFF09"},
		{"((社区))", "\uFF08\uFF08社区\uFF09\uFF09"},
		{"见附件) 2.3 (学习", "见附件\uFF09 2.3 \uFF08学习"},
		{"责任单位 : (市教育局)", "责任单位 \uFF1A \uFF08市教育局\uFF09"},
		{"[a][学分银行]", "[a]\uFF3B学分银行\uFF3D"},
		{"教职成 [2014] 10号,", "教职成 \u30142014\u3015 10号\uFF0C"},
		{"教职成,[2014]", "教职成\uFF0C\u30142014\u3015"},
		{"[(]学习)", "\uFF3B\uFF08\uFF3D学习\uFF09"},
		{"教职成 [2014\n] 10号", "教职成 [2014\n] 10号"},
		{"学习\xff,社区", "学习\uFFFD\uFF0C社区"},
		{"会议 10:30 开始", "会议 10:30 开始"},
	}
	for _, tt := range tests {
		if got := ShownForm(tt.in); got != tt.want {
			t.Errorf("ShownForm(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := oldShownForm(tt.in); got != tt.want {
			t.Errorf("the old ShownForm(%q) = %q, want %q: the table is wrong", tt.in, got, tt.want)
		}
	}
}

// TestIsChineseAsBefore: the comparisons in front of the Unicode table
// answer as the table did, for every rune.
func TestIsChineseAsBefore(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isChinese(r) != oldIsChinese(r) {
			t.Fatalf("isChinese(%U) = %v, was %v", r, isChinese(r), oldIsChinese(r))
		}
	}
}

// shownTokens are what the random texts are made of: Chinese, Latin,
// digits, a year, every mark in ASCII and full width, spaces, tabs and
// line breaks, curly quotes and a byte that is not UTF-8.
var shownTokens = []string{
	"学", "分", "银行", "文号", "〔", "、", "“", "”", "，", "（", "）", "１",
	"a", "Word", "2", "2014", " 2018 ", "10号", "%", ".",
	",", ";", ":", "(", ")", "!", "?", "[", "]", "(", ")", "[", "]",
	" ", " ", "\t", "\n", "\xff", "𠀀",
}

// randomShownText is a text of up to n tokens.
func randomShownText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range rng.IntN(n + 1) {
		b.WriteString(shownTokens[rng.IntN(len(shownTokens))])
	}
	return b.String()
}

// oldPieces are the pieces the ShownText before session 45 cut from
// text[start:end] at the offsets cuts.
func oldPieces(text string, start, end int, cuts []int) []string {
	shown := oldFullwidthIn(text, start, end)
	at, shownAt := start, 0
	var out []string
	for _, c := range cuts {
		from := shownAt
		for at < c {
			_, n := utf8.DecodeRuneInString(text[at:])
			_, m := utf8.DecodeRuneInString(shown[shownAt:])
			at, shownAt = at+n, shownAt+m
		}
		out = append(out, shown[from:shownAt])
	}
	return out
}

// runeOffsets are the offsets of text at which a rune starts, and its end.
func runeOffsets(text string) []int {
	var at []int
	for i := range text {
		at = append(at, i)
	}
	return append(at, len(text))
}

// checkShownSame fails t when the shown forms of text differ from the
// ones written before session 45, the whole text's and those of pieces
// cut at the offsets picks chooses.
func checkShownSame(t *testing.T, text string, picks []int) {
	t.Helper()
	if got, want := Fullwidth(text), oldFullwidth(text, false); got != want {
		t.Fatalf("Fullwidth(%q) = %q, was %q", text, got, want)
	}
	if got, want := ShownForm(text), oldShownForm(text); got != want {
		t.Fatalf("ShownForm(%q) = %q, was %q", text, got, want)
	}
	offsets := runeOffsets(text)
	var cuts []int
	for _, p := range picks {
		cuts = append(cuts, offsets[p%len(offsets)])
	}
	if len(cuts) < 2 {
		return
	}
	start, cuts := min(cuts[0], cuts[1]), cuts[1:]
	cuts[0] = max(cuts[0], start)
	end := start
	for i, c := range cuts {
		cuts[i] = max(c, end) // each cut no less than the last
		end = cuts[i]
	}
	if got, want := fullwidthIn(text, start, end), oldFullwidthIn(text, start, end); got != want {
		t.Fatalf("fullwidthIn(%q, %d, %d) = %q, was %q", text, start, end, got, want)
	}
	shown := NewShownText(text, start, end)
	for i, want := range oldPieces(text, start, end, cuts) {
		if got := shown.Next(cuts[i]); got != want {
			t.Fatalf("ShownText(%q, %d, %d).Next(%d) = %q, was %q", text, start, end, cuts[i], got, want)
		}
	}
}

// TestShownFormSameAsBefore: on random texts of marks, Chinese, spaces
// and line breaks, the one pass over bytes shows what the rune slices
// showed, whole and cut into pieces.
func TestShownFormSameAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 1))
	for range 20000 {
		text := randomShownText(rng, 40)
		picks := make([]int, 2+rng.IntN(4))
		for i := range picks {
			picks[i] = rng.IntN(1 << 20)
		}
		checkShownSame(t, text, picks)
	}
	// Texts longer than the context read around a piece.
	for range 300 {
		checkShownSame(t, randomShownText(rng, 600), []int{rng.IntN(1 << 20), rng.IntN(1 << 20), rng.IntN(1 << 20)})
	}
}

// FuzzShownForm holds the shown form to the one written before session
// 45 on any text (go test -fuzz FuzzShownForm ./catalog/).
func FuzzShownForm(f *testing.F) {
	for _, s := range []string{
		"教职成 [2014] 10号 ),", "市政府(一)(二)", "a,,学分银行", "[(]学习)", "学习\xff,社区",
		"覆盖率达到85%, 建成", "各直属单位 :\n\n为", "((社区))", "x[1] 的值",
	} {
		f.Add(s, 1, 5, 9)
	}
	f.Fuzz(func(t *testing.T, text string, a, b, c int) {
		checkShownSame(t, text, []int{a & 0xfffff, b & 0xfffff, c & 0xfffff})
	})
}

// TestShownFormAllocationLight: a text with nothing to change is shown
// as itself, not copied; a change is written in one allocation; a piece
// of a long page reads the page around it without copying it.
func TestShownFormAllocationLight(t *testing.T) {
	page := ocrScanPage(t)
	unchanged := "会议 10:30 开始 Version 2, build 3 (a). 数组 x[1] 的值"
	if got := ShownForm(unchanged); unsafe.StringData(got) != unsafe.StringData(unchanged) {
		t.Errorf("ShownForm(%q) copied the text it left as it was", unchanged)
	}
	for _, tt := range []struct {
		what string
		f    func()
		most float64
	}{
		{"ShownForm of a text it leaves", func() { ShownForm(unchanged) }, 0},
		{"Fullwidth of a text it leaves", func() { Fullwidth(unchanged) }, 0},
		{"ShownForm of an OCR'd page", func() { ShownForm(page) }, 2},
		{"a piece of the page with its marks", func() {
			at := strings.Index(page, "85%, 建成")
			NewShownText(page, at, at+len("85%, 建成")).Next(at + len("85%, 建成"))
		}, 2},
	} {
		if n := testing.AllocsPerRun(20, tt.f); n > tt.most {
			t.Errorf("%s: %.0f allocations, want at most %.0f", tt.what, n, tt.most)
		}
	}
}
