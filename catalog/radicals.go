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
	if u, ok := simplifiedRadicalIdeographs[r]; ok {
		return u, true
	}
	u, ok := radicalIdeographs[r]
	return u, ok
}

// simplifiedRadicalIdeographs overrides Unicode's table where a
// simplified Chinese font shares a Kangxi radical's glyph with the
// simplified character. Browsers write a glyph's first code point into a
// printed PDF's ToUnicode map: Noto Serif CJK SC draws ⼾ as 户, so 开户
// printed with it reads 开⼾, while its 戶 has a glyph of its own (U+6236).
// The other simplified forms have radicals of their own in the supplement
// (⻔ 门, ⻢ 马, ⻩ 黄 …), which the table maps right, and their Kangxi
// radicals (⾨, ⾺) stand for the traditional forms in such a font. A
// traditional font does the reverse for 户/戶; the archive's documents are
// mainland ones, and search folds both forms alike either way.
var simplifiedRadicalIdeographs = map[rune]rune{
	0x2F3E: 0x6237, // ⼾ → 户, not 戶
}
