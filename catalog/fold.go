package catalog

import (
	"strings"

	"golang.org/x/text/width"
)

// FoldRune is what extraction makes of one character of a document
// (ingest/extract Normalize): its width folded ("（" → "(", "２" → "2")
// and a radical read as its ideograph (RadicalIdeograph). Normalize and
// fields.Unfold, which finds the span of a document as written that folds
// to a title, both use it, so the two cannot drift apart.
func FoldRune(r rune) rune {
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	if u, ok := RadicalIdeograph(r); ok {
		r = u
	}
	return r
}

// FoldWidths is s with each character folded as FoldRune folds it: two
// titles that differ only in the width of their marks, 管理办法(试行) and
// 管理办法（试行）, fold to the same string.
func FoldWidths(s string) string {
	return strings.Map(FoldRune, s)
}
