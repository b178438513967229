package catalog

// RadicalIdeograph is the unified ideograph a CJK radical stands for (⼈
// U+2F08 → 人, ⺠ U+2EA0 → 民), and false for any other character. Fonts
// map their glyphs to either, and PDFs printed from browsers write the
// radicals, which no one types: extraction writes the ideograph, and the
// index and quote matching fold a radical typed or pasted to it. Both are
// three bytes long, so folding keeps offsets.
func RadicalIdeograph(r rune) (rune, bool) {
	if r < 0x2E80 || r > 0x2FDF {
		return r, false
	}
	u, ok := radicalIdeographs[r]
	return u, ok
}
