package fields

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// dropSpacesReference is dropSpaces as it was before session 50: lines
// split, each trimmed and its spaces judged, joined again.
func dropSpacesReference(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.Contains(l, " ") {
			if l != "" {
				out = append(out, l)
			}
			continue
		}
		var b strings.Builder
		writeJoined(&b, l)
		out = append(out, b.String())
	}
	return strings.Join(out, "\n")
}

// dropSpacesPieces are what texts are pieced from to hold dropSpaces to
// its reference: spaces beside Han characters, digits and Latin words,
// empty lines, white space at either end of a line (full-width too),
// and line ends of every kind.
var dropSpacesPieces = []string{"杭州市教育局", "2018 年", " ", "  ", "\n", "\n\n", "\t", "\u3000", "\r", "\r\n", "Learning City",
	"〔 2018 〕", "(", ")", "第 3 号", "a", "，", "\u00a0", "\v", "\f", "\u0085", "7"}

func TestDropSpacesAsReference(t *testing.T) {
	texts := []string{"", "\n", " ", "杭州市", "杭州市\n", "\n杭州市", "杭 州 市\n\n2018 年 3 月", "一行\n二行\n三行"}
	rng := rand.New(rand.NewPCG(50, 2))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(dropSpacesPieces[rng.IntN(len(dropSpacesPieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := dropSpaces(s), dropSpacesReference(s); got != want {
			t.Fatalf("dropSpaces(%q) = %q, the reference %q", s, got, want)
		}
	}
}

func FuzzDropSpacesAsReference(f *testing.F) {
	for _, s := range dropSpacesPieces {
		f.Add(s + "\n" + s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dropSpaces(s), dropSpacesReference(s); got != want {
			t.Fatalf("dropSpaces(%q) = %q, the reference %q", s, got, want)
		}
	})
}

// TestDropSpacesKeepsATidyTextAsItIs: a text none of whose lines changes
// (most of a document's) costs no copy.
func TestDropSpacesKeepsATidyTextAsItIs(t *testing.T) {
	s := strings.Repeat("杭州市教育局关于推进学习型城市建设的通知\n", 40) + "二〇一八年三月"
	if n := testing.AllocsPerRun(20, func() { dropSpaces(s) }); n != 0 {
		t.Fatalf("dropSpaces of a text with nothing to drop: %v allocations, want 0", n)
	}
}
