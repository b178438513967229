package fields

import (
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// SameTitle reports whether a and b are one title as the reader reads
// titles: widths folded and radicals read as their ideographs
// (catalog.FoldRune, as extraction folds a text), spaces and invisible
// characters dropped (prepare, and every space left between Latin
// words), so that the title read off a scan, 关于印发《…(试行)》的通知,
// is the one a text layer gave and Unfold wrote back in full width,
// 关于印发《…（试行）》的通知. An empty title is no title's: two
// documents without one are not the same by it.
func SameTitle(a, b string) bool {
	ka := titleKey(a)
	return ka != "" && ka == titleKey(b)
}

// titleKey is a title as SameTitle compares it.
func titleKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, prepare(catalog.FoldWidths(s)))
}
