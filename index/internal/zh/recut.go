package zh

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// maxRecutWord is the longest word, in characters, that appendRecut adds:
// longer dictionary words are searched as substrings (minSubstringWord).
const maxRecutWord = minSubstringWord - 1

// appendRecut adds the dictionary words of two or three Chinese
// characters that text holds where its segmentation cut them otherwise but
// could have cut around them: each of the word's ends is an end of a word
// of the text or of one of its sub-words, where the dictionary parts the
// word (万|人次). So 几十万, which a query cuts as one word, is found in
// 几十|万人次 (几十万|人次); while 市长 is not in 南京市|长江大桥 (长江大桥
// parts into 长江|大桥), nor 和尚 in 和|尚未, 研究生 in 研究|生命, 关工委 in
// 机关|工委 or 作者 in 工作者 (工作|者). A word the dictionary does not
// part where the query's word ends stays unfound (中小学 in 中小学生, which
// it parts 中小|学生): taking every dictionary word that starts a word
// would find 市政 in 市政府. Each is added at the position of the word it
// starts in (appendCut). out holds text's tokens, each word first at its
// position and its sub-words after it, their starts never decreasing.
func appendRecut(seg *gse.Segmenter, out []Token, text []byte) []Token {
	n := len(out)
	var cuts []int // the places text could be cut, in order
	// tokens are the spans of the run's words and sub-words, which need
	// no look-up.
	tokens := map[[2]int]int{}
	flush := func() {
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		for i, s := range cuts {
			for _, e := range cuts[i+1:] {
				chars := utf8.RuneCount(text[s:e])
				if chars > maxRecutWord {
					break
				}
				if chars >= 2 && tokens[[2]int{s, e}] == 0 && allHan(text[s:e]) && known(seg, text[s:e]) {
					out = appendCut(out, n, text, s, e)
				}
			}
		}
		cuts = cuts[:0]
		clear(tokens)
	}
	runEnd := -1 // where the run of words without a gap ends
	for k := 0; k < n; k++ {
		tk := out[k]
		if k == 0 || tk.Position != out[k-1].Position {
			if tk.Start != runEnd {
				flush() // punctuation or whitespace between the words
			}
			runEnd = tk.End
		}
		cuts = append(cuts, tk.Start, tk.End)
		tokens[[2]int{tk.Start, tk.End}]++
	}
	flush()
	return mergeAdded(out, n)
}

// known reports whether w is a word of the dictionary (gse's Find is true
// for the start of a word too).
func known(seg *gse.Segmenter, w []byte) bool {
	freq, _, ok := seg.Dict.Find(w)
	return ok && freq > 0
}

// allHan reports whether w holds Chinese characters only.
func allHan(w []byte) bool {
	for _, r := range string(w) {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return len(w) > 0
}
