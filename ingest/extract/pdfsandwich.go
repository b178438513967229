package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/ingest/extract/internal/hanpairs"
)

// Phone scanner apps (扫描全能王, Office Lens, WPS 扫描) and many copiers
// save a page as its picture with the result of their own OCR drawn over
// it in text render mode 3, invisible: a "sandwich". When their OCR was
// good the layer is the page's words, read faster than tesseract could and
// often better; but an app set to English reads a Chinese page as Latin
// junk ("BUN THT A ERNE D287 THEME Fy SR"), and some write the right
// characters in the wrong encoding. Such junk is made of plausible
// characters, so isGarbled passes it, and the page was indexed as junk.
//
// An invisible layer over a picture is therefore trusted only when it
// reads as real text (trustedInvisibleLayer); otherwise the page is OCR'd
// too, and the OCR reading replaces the layer when it holds clearly more
// Chinese words (ocrReadsMoreWords). An English scan's good layer survives
// that test, since OCR finds no more Chinese in it than its layer has.

// Thresholds of trustedInvisibleLayer. A layer of Chinese is trusted when
// at least half its visible characters are Han and at least
// trustedLayerPairPercent of its adjacent Han pairs occur inside a common
// word (real text: never under 39 % in any window of the repository's
// texts; scrambledPercent is where garbage starts). A layer of Latin
// letters is trusted when most of its words are lower case with a vowel,
// as prose is; English OCR of a Chinese page gives capitals
// ("ARBON, HBOS, BURRESS").
const (
	trustedLayerMinPairs    = 20
	trustedLayerPairPercent = 35
	trustedLatinWordPercent = 60
)

// trustedInvisibleLayer reports an invisible OCR layer that reads as real
// text, so that the page need not be OCR'd again.
func trustedInvisibleLayer(text string) bool {
	if garbledAt(text, garbledOCRPercent) {
		return false
	}
	visible, han := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
		case unicode.Is(unicode.Han, r):
			han++
			visible++
		default:
			visible++
		}
	}
	if han*2 >= visible {
		pairs, words := hanWordPairs(text)
		return pairs >= trustedLayerMinPairs && words*100 >= pairs*trustedLayerPairPercent
	}
	return proseWords(text)
}

// proseWords reports Latin text most of whose words of three letters or
// more are lower case with a vowel.
func proseWords(text string) bool {
	words, prose := 0, 0
	start := -1
	end := func(i int) {
		if start >= 0 && i-start >= 3 {
			w := text[start:i]
			words++
			if !hasUpper(w[1:]) && isLower(w[len(w)-1]) && hasVowel(w) {
				prose++
			}
		}
		start = -1
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if isLower(c) || isUpper(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		end(i)
	}
	end(len(text))
	return words > 0 && prose*100 >= words*trustedLatinWordPercent
}

// hanWordPairs counts the adjacent pairs of Han characters in text, white
// space between them ignored (tesseract spaces Chinese characters), and
// those of them that occur inside a common word (isWordPair).
func hanWordPairs(text string) (pairs, words int) {
	var prev rune
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsSpace(r) {
			continue
		}
		if r < hanpairs.First || r > hanpairs.Last {
			prev = 0
			continue
		}
		if prev != 0 {
			pairs++
			if isWordPair(prev, r) {
				words++
			}
		}
		prev = r
	}
	return pairs, words
}

// ocrReadsMoreWords reports whether the OCR text of a page holds clearly
// more adjacent Han pairs that occur inside common words than the page's
// untrusted invisible layer: then the picture is Chinese the layer missed.
func ocrReadsMoreWords(layer, ocr string) bool {
	_, l := hanWordPairs(layer)
	_, o := hanWordPairs(ocr)
	return o >= 2*l+10
}
