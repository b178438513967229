package catalog

import (
	"strings"
	"unicode"
)

// IsInvisible reports the characters that show nothing and carry no text:
// the format characters (Unicode category Cf) — zero-width spaces and
// joiners, soft hyphens, byte-order marks, word joiners, direction marks,
// embeddings, overrides and isolates. Text copied from a web page, a
// WeChat article or a Word file carries them inside its words
// (学\u200b习型城市), where a reader sees none. It is the one list: stored
// text is normalised without them (extract.Normalize), and queries, quotes
// and the fields read from a document drop them too, so that what a person
// sees is what is matched.
func IsInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r)
}

// DropInvisible returns s without its invisible characters (IsInvisible).
func DropInvisible(s string) string {
	if !strings.ContainsFunc(s, IsInvisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsInvisible(r) {
			return -1
		}
		return r
	}, s)
}
