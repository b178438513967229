package extract

import (
	_ "embed"
	"encoding/binary"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/ingest/extract/internal/hanpairs"
)

//go:generate go run ./internal/hanpairs/cmd hanpairs.bin

// hanPairsTable is every pair of characters that occurs inside a common
// word of gse's dictionary (internal/hanpairs), as sorted keys.
//
//go:embed hanpairs.bin
var hanPairsTable []byte

var hanPairKeys = sync.OnceValue(func() []uint32 {
	keys := make([]uint32, len(hanPairsTable)/4)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint32(hanPairsTable[4*i:])
	}
	return keys
})

// isWordPair reports whether a, b occur together inside a common word.
func isWordPair(a, b rune) bool {
	_, found := slices.BinarySearch(hanPairKeys(), hanpairs.Key(a, b))
	return found
}

// A text layer read through another font subset's ToUnicode map (codes
// are given to a subset's glyphs in the order of first use, so one
// subset's map fits another's codes) is made of the common characters of
// that other text, in an order no writer would use: isGarbled, which
// judges characters one by one, sees nothing wrong. What gives it away is
// which characters stand together: in real Chinese about half of the
// adjacent pairs of Han characters occur inside a common word (never
// under 39 % in any window of 100, 300 or 1,000 characters of the real
// texts of the repository), in such text far fewer (the same windows with
// each character replaced by another of the window, always the same one,
// as another map does: 93–97 % of them under 25 %).
//
// Lists of names are real text with few such pairs; they are told apart
// by their short runs of Han characters between separators, while a
// scrambled page keeps the long runs of prose (its punctuation is mostly
// turned into Han characters too).
const (
	scrambledMinPairs   = 40 // fewer adjacent Han pairs: too little text to judge
	scrambledMinRunMean = 5  // Han characters per run, on average over runs of two or more
	scrambledPercent    = 25 // pairs inside words, below which the text is scrambled
)

// scrambled reports text of common characters in an order no writer would
// use (see above): a text layer to be read again by OCR.
func scrambled(s string) bool {
	pairs, words, runs, inRuns := 0, 0, 0, 0
	run := 0
	var prev rune
	endRun := func() {
		if run >= 2 {
			runs++
			inRuns += run
		}
		run = 0
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r < hanpairs.First || r > hanpairs.Last {
			endRun()
			continue
		}
		if run > 0 {
			pairs++
			if isWordPair(prev, r) {
				words++
			}
		}
		run++
		prev = r
	}
	endRun()
	return pairs >= scrambledMinPairs && inRuns >= scrambledMinRunMean*runs && words*100 < pairs*scrambledPercent
}
