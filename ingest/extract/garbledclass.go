package extract

import "unicode"

// charClass is what one character is for isGarbled.
type charClass uint8

const (
	clsSpace       charClass = iota
	clsNeutral               // punctuation, digits, signs, CJK punctuation, full-width forms, radicals, kana
	clsHard                  // control, private-use, replacement, surrogate: no text at all
	clsOdd                   // a character real text does not use: IPA, spacing modifiers, combining marks alone, rare Latin-1 signs
	clsHan                   // a common Han character (isCommonHan)
	clsHanRare               // any other Han character: Extensions A–H, compatibility ideographs, the rest of the block
	clsKana                  // Japanese kana: neutral, and it may touch Han
	clsLatin                 // ASCII letters (and their full-width forms)
	clsLatinExtra            // Latin-1 and Latin Extended letters
	clsGreek                 // Greek and Coptic
	clsCyrillic              // Cyrillic
	clsHangul                // Hangul syllables and jamo
	clsOtherScript           // the letters of any other script: Hebrew, Arabic, Indic, Myanmar, Tibetan, Yi …
)

func (c charClass) isLetter() bool { return c >= clsHan }

// isForeign reports the letters of scripts whose mixing with others
// isGarbled counts.
func (c charClass) isForeign() bool { return c >= clsGreek }

// compatible reports two letter classes that meet inside real words:
// common and rare Han, Han and kana (Japanese), ASCII and Latin-1 letters
// (judged by the word rule instead).
func compatible(a, b charClass) bool {
	if a > b {
		a, b = b, a
	}
	switch {
	case a == b:
		return true
	case (a == clsHan || a == clsHanRare) && (b == clsHanRare || b == clsKana):
		return true
	case a == clsLatin && b == clsLatinExtra:
		return true
	}
	return false
}

// classify puts a character in its class by its code point: a handful of
// comparisons for ASCII and the CJK block, where almost all text is.
func classify(r rune) charClass {
	switch {
	case r < 0x80:
		return classifyASCII(r)
	case r < 0x100:
		return classifyLatin1(r)
	case r >= 0x4E00 && r < 0xA000:
		if isCommonHan(r) {
			return clsHan
		}
		return clsHanRare
	case r < 0x250:
		return clsLatinExtra // Latin Extended-A and -B
	case r < 0x370:
		return clsOdd // IPA, spacing modifier letters, combining marks
	case r < 0x400:
		return clsGreek
	case r < 0x530:
		return clsCyrillic
	case r < 0x1100:
		return clsOtherScript // Armenian, Hebrew, Arabic, Indic, Thai, Tibetan, Myanmar, Georgian
	case r < 0x1200:
		return clsHangul
	case r < 0x1E00:
		return clsOtherScript // Ethiopic, Cherokee, Canadian syllabics, Khmer, Mongolian …
	case r < 0x1F00:
		return clsLatinExtra // Latin Extended Additional
	case r < 0x2000:
		return clsGreek
	case r < 0x3000:
		if unicode.IsSpace(r) {
			return clsSpace
		}
		// Punctuation, super- and subscripts, currency, letterlike (℃ №),
		// number forms (Ⅳ), arrows, maths, boxes, shapes, dingbats,
		// enclosed numbers (①), and the CJK and Kangxi radicals some PDFs
		// write for Han characters.
		return clsNeutral
	}
	return classifyCJK(r)
}

func classifyASCII(r rune) charClass {
	switch {
	case r == ' ' || r >= '\t' && r <= '\r':
		return clsSpace
	case r < 0x20 || r == 0x7F:
		return clsHard
	case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		return clsLatin
	}
	return clsNeutral
}

func classifyLatin1(r rune) charClass {
	switch {
	case r < 0xA0:
		return clsHard // C1 controls
	case r == 0xA0:
		return clsSpace
	case r == 0xD7 || r == 0xF7: // × ÷
		return clsNeutral
	case r >= 0xC0:
		return clsLatinExtra
	}
	switch r {
	case '°', '±', '·', '¥', '©', '®', '²', '³', 'µ', '¼', '½', '¾', '§', '«', '»':
		return clsNeutral
	}
	return clsOdd // ¡ ¢ £ ¤ ¦ ¨ ª ¬ ¯ ´ ¶ ¸ ¹ º ¿: the stuff of mojibake
}

func classifyCJK(r rune) charClass {
	switch {
	case r == 0x3000:
		return clsSpace
	case r < 0x3040:
		return clsNeutral // CJK punctuation
	case r < 0x3100:
		return clsKana
	case r < 0x3130:
		return clsNeutral // bopomofo
	case r < 0x3190:
		return clsHangul // compatibility jamo
	case r < 0x3400:
		return clsNeutral // kanbun, strokes, enclosed CJK (㈠), CJK compatibility (㎡)
	case r < 0x4E00:
		return clsHanRare // Extension A
	case r < 0xAC00:
		return clsOtherScript // Yi, Lisu, Vai, Cyrillic and Latin extensions, Javanese …
	case r < 0xD7B0:
		return clsHangul
	case r < 0xF900:
		return clsHard // jamo extension, surrogates, private use
	case r < 0xFB00:
		return clsHanRare // compatibility ideographs
	case r < 0xFE00:
		return clsOtherScript // alphabetic and Arabic presentation forms
	case r < 0xFE70:
		return clsNeutral // variation selectors, vertical, half marks, small forms
	case r < 0xFF00:
		return clsOtherScript // Arabic presentation forms-B
	case r < 0xFF61:
		if r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A {
			return clsLatin // full-width letters
		}
		return clsNeutral // full-width digits and signs
	case r < 0xFFE0:
		return clsOtherScript // half-width kana and Hangul
	case r < 0xFFF0:
		return clsNeutral // full-width signs (￥)
	case r < 0x10000:
		return clsHard // specials: U+FFFD, noncharacters
	case r >= 0x1F000 && r < 0x1FB00:
		return clsNeutral // symbols and emoji
	case r < 0x20000:
		return clsOtherScript // historic scripts
	case r < 0x323B0:
		return clsHanRare // Extensions B–H
	}
	return clsHard // planes 15 and 16: private use
}
