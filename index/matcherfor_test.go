package index

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// reportPages is a monitoring report's text as three pages, the second
// beginning inside a sentence and a word (the break is left out between
// them) and the third after a page number at the foot of the second.
func reportPages(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	one := strings.Index(text, "学习型城市")
	if one < 0 {
		t.Fatal("the report lacks 学习型城市")
	}
	one += len("学习型")
	two := strings.Index(text[len(text)/2:], "\n") + len(text)/2
	return []string{text[:one], text[one:two] + "\n— 2 —", text[two+1:]}
}

// TestMatcherForFindsWhatMatcherFinds: a matcher that cuts into words
// only the sentences where a phrase can be found finds each phrase where
// one that cuts the whole text finds it: the report's domain words, and
// pieces of its own text of two to eight characters every few sentences
// (across a 。, a line break and the page breaks too), one at a time and
// all together.
func TestMatcherForFindsWhatMatcherFinds(t *testing.T) {
	pages := reportPages(t)
	whole, err := NewMatcher(pages)
	if err != nil {
		t.Fatal(err)
	}
	phrases := append(zh.DomainWords(), "学习型城市", "学习型城市建设", "城市 建设")
	text := strings.Join(pages, "")
	for i, k := 0, 0; i < len(text); k++ {
		n := 2 + k%7
		if !utf8.RuneStart(text[i]) {
			i++
			continue
		}
		end := i
		for j := 0; j < n && end < len(text); j++ {
			_, size := utf8.DecodeRuneInString(text[end:])
			end += size
		}
		phrases = append(phrases, text[i:end])
		i += 97 * (1 + k%5)
	}
	// Across a 。 and a line break, where sentences are cut apart.
	for _, sep := range []string{"。", "\n", "。\n"} {
		for i, k := 0, 0; k < 20; k++ {
			j := strings.Index(text[i:], sep)
			if j < 0 {
				break
			}
			j += i
			i = j + len(sep)
			if after := text[i:]; after == "" || strings.TrimLeft(after[:1], " \n") == "" {
				k--
				continue // the next sentence's words begin further on
			}
			phrases = append(phrases, tail(text[:j], 2)+sep+head(text[i:], 2))
		}
	}
	// Where a page ends and the next begins.
	for p := 1; p < len(pages); p++ {
		phrases = append(phrases, tail(pages[p-1], 3)+head(pages[p], 3))
	}
	found := 0
	for _, ph := range phrases {
		want := whole.Find(ph)
		found += len(want)
		near, err := NewMatcherFor(pages, []string{ph})
		if err != nil {
			t.Fatal(err)
		}
		if got := near.Find(ph); !slices.Equal(got, want) {
			t.Errorf("Find(%q): %v, want %v as the whole text's matcher has it", ph, got, want)
		}
	}
	all, err := NewMatcherFor(pages, phrases)
	if err != nil {
		t.Fatal(err)
	}
	for _, ph := range phrases {
		if got, want := all.Find(ph), whole.Find(ph); !slices.Equal(got, want) {
			t.Errorf("with all the phrases, Find(%q): %v, want %v", ph, got, want)
		}
	}
	if found < len(phrases) {
		t.Errorf("%d phrases found %d times in all: the text's own pieces should be found", len(phrases), found)
	}
}

func tail(s string, runes int) string {
	i := len(s)
	for ; runes > 0 && i > 0; runes-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func head(s string, runes int) string {
	i := 0
	for ; runes > 0 && i < len(s); runes-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
