package zh

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"
)

// Text is analysed in a folded form so that the ways of writing one word
// meet: traditional characters become simplified (學分銀行 → 学分银行, by
// OpenCC's t2s tables, phrases first) and full-width forms half-width
// (１２．３万 → 12.3万). Folding keeps the number of characters but for
// the invisible ones it drops, so every character of the folded text
// stands for one character of the original and offsets in the original
// stay exact for highlights. Most documents are
// simplified and already half-width; they are not copied at all.

var (
	t2s     *opencc.OpenCC
	t2sErr  error
	t2sOnce sync.Once
	// traditional marks the characters t2s changes by themselves, one bit
	// per code point of the Basic Multilingual Plane, where the t2s
	// characters are. A text holding none of them is not converted, which
	// keeps the common case as cheap as one scan.
	traditional []uint64
)

func isTraditional(r rune) bool {
	return r < 0x10000 && traditional[r>>6]&(1<<(r&63)) != 0
}

// mayFoldWidth reports the characters width folding can change: the
// ideographic space, the half- and full-width forms block and ₩.
func mayFoldWidth(r rune) bool {
	return r == 0x3000 || r == 0x20A9 || (r >= 0xFF00 && r <= 0xFFEF)
}

// loadFolding loads the conversion tables once per process.
func loadFolding() error {
	t2sOnce.Do(func() {
		cc, err := opencc.New("t2s")
		if err != nil {
			t2sErr = fmt.Errorf("load opencc t2s: %w", err)
			return
		}
		trad := make([]uint64, 0x10000/64)
		// The CJK blocks that hold traditional characters: Extension A,
		// the Unified Ideographs and the compatibility ideographs.
		for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}} {
			for r := block[0]; r <= block[1]; r++ {
				s, err := cc.Convert(string(r))
				if err != nil {
					t2sErr = fmt.Errorf("opencc t2s %q: %w", r, err)
					return
				}
				if s != string(r) {
					trad[r>>6] |= 1 << (r & 63)
				}
			}
		}
		t2s, traditional = cc, trad
	})
	return t2sErr
}

// bracketOf maps the brackets a 文号 is written with, and typed with, to
// one pair: 杭政办〔2016〕12号 is also written with 【】, ［］ or the small
// ﹝﹞ (as the 文号 reader and catalog.DocNumberForm take them), and typed
// with [] or (), which keyboards have.
func bracketOf(r rune) (rune, bool) {
	switch r {
	case '[', '\u3014', '\u3010', '\u3016', '\uFF08', '\uFF3B', '\uFE5D': // [ 〔 【 〖 （ ［ ﹝
		return '(', true
	case ']', '\u3015', '\u3011', '\u3017', '\uFF09', '\uFF3D', '\uFE5E': // ] 〕 】 〗 ） ］ ﹞
		return ')', true
	}
	return r, false
}

// isDash reports the dashes that stand where a hyphen is typed: between
// a standard's number and its year (GB/T 9704—2012, as the standards
// write it with a one-character dash, 一字线), in ranges (2018年–2020年,
// 2021～2025年 and 2021~2025年 with a wave, 2021⸺2025 with a two-em dash)
// and as a minus sign. A user types -, which keyboards have.
func isDash(r rune) bool {
	switch r {
	case '~', '\u2212', '\u2E3A', '\u2E3B', '\u301C', '\uFE58', '\uFE63', '\uFF5E': // ~ − ⸺ ⸻ 〜 ﹘ ﹣ ～
		return true
	}
	return r >= '\u2010' && r <= '\u2015'
}

// inBracketBlocks reports the characters outside the width forms among
// which bracketOf's brackets are: 【】〔〕〖〗 and the small ﹝﹞.
func inBracketBlocks(r rune) bool {
	return r >= '\u3010' && r <= '\u3017' || r == '\uFE5D' || r == '\uFE5E'
}

// foldRune folds one character's width, brackets, dashes and radicals.
func foldRune(r rune) rune {
	if isDash(r) {
		return '-'
	}
	if u, ok := catalog.RadicalIdeograph(r); ok {
		return u
	}
	if mayFoldWidth(r) {
		if w := width.LookupRune(r).Folded(); w != 0 {
			r = w
		}
	}
	r, _ = bracketOf(r)
	return r
}

// needsFold reports whether text holds a character Fold would change, and
// whether one of them is traditional (the costly conversion).
func needsFold(text []byte) (fold, trad bool) {
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			fold = fold || c == '[' || c == ']' || c == '~'
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if isTraditional(r) {
			return true, true
		}
		fold = fold || catalog.IsInvisible(r)
		// Brackets and width forms sit in two small blocks; a Han
		// character is neither.
		fold = fold || isDash(r) || (inBracketBlocks(r) || mayFoldWidth(r)) && foldRune(r) != r
		fold = fold || r >= 0x2E80 && r <= 0x2FDF
		i += n
	}
	return fold, false
}

// Folded is text in its folded form with the way back to the original.
type Folded struct {
	Text []byte
	// orig[i] is the offset in the original of the character that starts at
	// byte i of Text (and orig[len(Text)] the original's length); nil when
	// Text is the original itself.
	orig []int32
}

// Orig maps a byte offset of the folded text (a character boundary) to the
// original text.
func (f Folded) Orig(off int) int {
	if f.orig == nil {
		return off
	}
	return int(f.orig[off])
}

// Fold returns text with traditional characters simplified, full-width
// forms made half-width, brackets made round and dashes hyphens, character
// for character, and without the characters that show nothing
// (catalog.IsInvisible: a zero-width space inside 学\u200b习 in a title
// copied from a web page, a direction mark in old stored text).
// It needs the tables loaded by Segmenter.
func Fold(text []byte) Folded {
	return fold(text, false)
}

// FoldAsTraditional is Fold as if text held a traditional character: its
// phrases are converted (回覆 → 回复, 瞭解 → 了解) as they are in a longer
// text that holds one, of which text is the opening.
func FoldAsTraditional(text []byte) Folded {
	return fold(text, true)
}

// HasTraditional reports whether text holds a character that is
// traditional on its own: what makes Fold convert its phrases.
func HasTraditional(text []byte) bool {
	_, trad := needsFold(text)
	return trad
}

// fold is Fold, converting phrases when text holds a traditional
// character or trad is set.
func fold(text []byte, trad bool) Folded {
	if t2s == nil {
		return Folded{Text: text}
	}
	fold, hasTrad := needsFold(text)
	trad = trad || hasTrad
	fold = fold || trad
	if !fold || !utf8.Valid(text) {
		return Folded{Text: text}
	}
	if !trad {
		return foldSimplified(text)
	}
	src := []rune(string(text))
	conv, ok := []rune(nil), false
	if s, err := t2s.Convert(string(text)); err == nil {
		conv = []rune(s)
		ok = len(conv) == len(src)
	}
	if !ok {
		// The phrase conversion changed the length (never seen with the
		// t2s tables, but not promised): convert character by character.
		conv = make([]rune, len(src))
		for i, r := range src {
			conv[i] = r
			if isTraditional(r) {
				if s, err := t2s.Convert(string(r)); err == nil && utf8.RuneCountInString(s) == 1 {
					conv[i], _ = utf8.DecodeRuneInString(s)
				}
			}
		}
	}
	out := make([]byte, 0, len(text)+8)
	starts := make([]int32, 0, len(src)+1)
	o := 0
	for i, r := range conv {
		if catalog.IsInvisible(src[i]) {
			o += utf8.RuneLen(src[i])
			continue
		}
		r = foldRune(r)
		starts = append(starts, int32(o))
		out = utf8.AppendRune(out, r)
		o += utf8.RuneLen(src[i])
	}
	orig := make([]int32, len(out)+1)
	k := 0
	for i := range out {
		if utf8.RuneStart(out[i]) {
			orig[i] = starts[k]
			k++
		}
	}
	orig[len(out)] = int32(o)
	return Folded{Text: out, orig: orig}
}

// foldSimplified is Fold of a text with nothing traditional: widths,
// brackets and dashes only, in one pass over the bytes.
func foldSimplified(text []byte) Folded {
	out := make([]byte, 0, len(text))
	orig := make([]int32, 0, len(text)+1)
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '[' && c != ']' && c != '~' {
			out = append(out, c)
			orig = append(orig, int32(i))
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if catalog.IsInvisible(r) {
			i += n // a zero-width space inside a word (学\u200b习) joins it
			continue
		}
		if r >= utf8.RuneSelf && !inBracketBlocks(r) && !mayFoldWidth(r) && !isDash(r) && (r < 0x2E80 || r > 0x2FDF) {
			out = append(out, text[i:i+n]...)
			for range n {
				orig = append(orig, int32(i))
			}
			i += n
			continue
		}
		before := len(out)
		out = utf8.AppendRune(out, foldRune(r))
		for range len(out) - before {
			orig = append(orig, int32(i))
		}
		i += n
	}
	orig = append(orig, int32(len(text)))
	return Folded{Text: out, orig: orig}
}

// LoadFolding loads the tables Fold needs, once per process, without the
// segmentation dictionary: for folding outside the index's analysis.
func LoadFolding() error { return loadFolding() }
