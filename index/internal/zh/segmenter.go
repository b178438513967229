package zh

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

//go:embed vocab.txt
var vocabulary string

// domainWordFreq is high enough that a domain word beats any split into its
// parts on gse's shortest path, so 学分银行 stays one word.
const domainWordFreq = 100000

var (
	// domainWords is the curated vocabulary as a set, longDomainWords
	// its words of minSubstringWord characters or more, and placeNames
	// the dictionary's place names of three characters that end in a unit
	// (appendPlaceNames); all are filled with the shared segmenter.
	domainWords         map[string]bool
	longDomainWords     [][]byte
	placeNames          map[string]bool
	sharedSegmenter     *gse.Segmenter
	sharedSegmenterErr  error
	sharedSegmenterOnce sync.Once
)

// Segmenter returns the process-wide gse segmenter, loading the embedded
// simplified-Chinese dictionary, the domain vocabulary and the tables of
// Fold on first use. The
// dictionary is large (seconds to load, ~130 MiB of heap), so it is loaded
// once and shared; gse is safe for concurrent segmentation.
func Segmenter() (*gse.Segmenter, error) {
	sharedSegmenterOnce.Do(func() {
		seg := new(gse.Segmenter)
		// The HMM model is only used by the HMM cut modes, which we do not use.
		seg.NotLoadHMM = true
		if err := seg.LoadDictEmbed("zh_s"); err != nil {
			sharedSegmenterErr = fmt.Errorf("load gse dictionary: %w", err)
			return
		}
		entries := vocabularyEntries()
		domainWords = make(map[string]bool, len(entries))
		for _, w := range entries {
			domainWords[w.word] = true
			if utf8.RuneCountInString(w.word) >= minSubstringWord {
				longDomainWords = append(longDomainWords, []byte(w.word))
			}
			add := seg.AddToken
			if _, _, known := seg.Find(w.word); known {
				// AddToken keeps a known word's frequency; replace it.
				add = seg.ReAddToken
			}
			if err := add(w.word, w.freq, "n"); err != nil {
				sharedSegmenterErr = fmt.Errorf("add domain word %q: %w", w.word, err)
				return
			}
		}
		seg.CalcToken()
		placeNames = make(map[string]bool)
		for i := range seg.Dict.Tokens {
			tk := &seg.Dict.Tokens[i]
			if w := tk.Text(); tk.Pos() == "ns" && utf8.RuneCountInString(w) == 3 && unitAt([]byte(w), len(w)-len("市")) {
				placeNames[w] = true
			}
		}
		if err := loadFolding(); err != nil {
			sharedSegmenterErr = err
			return
		}
		sharedSegmenter = seg
	})
	return sharedSegmenter, sharedSegmenterErr
}

type vocabularyEntry struct {
	word string
	freq float64
}

// vocabularyEntries parses vocab.txt: one word per line, optionally
// followed by a frequency; lines starting with # are comments.
func vocabularyEntries() []vocabularyEntry {
	var out []vocabularyEntry
	sc := bufio.NewScanner(strings.NewReader(vocabulary))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		e := vocabularyEntry{word: fields[0], freq: domainWordFreq}
		if len(fields) > 1 {
			if f, err := strconv.ParseFloat(fields[1], 64); err == nil && f > 0 {
				e.freq = f
			}
		}
		out = append(out, e)
	}
	return out
}

// DomainWords returns the curated vocabulary added to the segmentation
// dictionary, in the order of vocab.txt.
func DomainWords() []string {
	entries := vocabularyEntries()
	words := make([]string, len(entries))
	for i, e := range entries {
		words[i] = e.word
	}
	return words
}

// Token is one word found in a text: its byte span in the text, its
// position in the word sequence and its term, the word folded (Fold).
// Sub-words share the position of the word that covers them.
type Token struct {
	Start, End int
	Position   int
	Term       []byte
}

// Segment cuts text into words with byte offsets. The text is folded first
// (traditional to simplified, full-width to half-width), so the dictionary
// sees simplified words whatever the document wrote. In search mode each
// word is followed by its dictionary sub-words of two or more characters
// (长沙 in 长沙市, 学分 and 银行 in 学分银行) at the same position; in exact
// mode only the words themselves are returned. Whitespace and punctuation
// are skipped and do not take a position. A page break inside a sentence
// (text may be pages joined by '\f') is no break between words: a word
// that runs onto the next page (学分 at the foot of one, 银行 at the head
// of the next) is found as the word, as Bigrams pairs across it, and its
// token spans the break.
func Segment(seg *gse.Segmenter, text []byte, search bool) []Token {
	f, ft, at := foldJoined(text)
	return f.original(segmentFolded(seg, ft, search), ft, at)
}

// foldJoined is text folded (Fold) with its page breaks inside a
// sentence left out (joinPages), as Segment cuts it into words, and the
// function that maps an offset of it back to the folded text.
func foldJoined(text []byte) (Folded, []byte, func(int) int) {
	f := Fold(text)
	ft, at := f.Text, func(i int) int { return i }
	if bytes.IndexByte(ft, pageBreak) >= 0 {
		joined, back := joinPages(string(ft))
		ft, at = []byte(joined), back
	}
	return f, ft, at
}

// original maps the offsets of tokens of ft, which foldJoined made of
// f's text, back to that text, in place.
func (f Folded) original(out []Token, ft []byte, at func(int) int) []Token {
	if f.orig != nil || len(ft) != len(f.Text) {
		for i := range out {
			// An end is mapped from its last byte, so that a word that
			// ends at a removed break ends before it.
			out[i].Start, out[i].End = f.Orig(at(out[i].Start)), f.Orig(at(out[i].End-1)+1)
		}
	}
	return out
}

// segmentFolded is Segment for text folded and joined (foldJoined), its
// offsets those of ft.
func segmentFolded(seg *gse.Segmenter, ft []byte, search bool) []Token {
	var out []Token
	pos := 0
	segmentPieces(seg, ft, func(base int, segs []gse.Segment) {
		if out == nil {
			// A word for every two characters or so, and sub-words.
			n := len(segs) * max(1, len(ft)/max(1, segEnd(segs)))
			out = make([]Token, 0, n+n/2)
		}
		for i := range segs {
			s := &segs[i]
			start, end := base+s.Start(), base+s.End()
			if !isWord(ft[start:end]) {
				continue
			}
			pos++
			out = append(out, Token{Start: start, End: end, Position: pos, Term: ft[start:end]})
			if search {
				out = appendSubWords(out, ft, s.Token(), start, pos)
				out = appendLatinParts(out, ft, start, end, pos)
			}
		}
	})
	if search {
		out = appendRecut(seg, out, ft)
		out = appendDomainWords(out, ft)
		out = appendPlaceNames(out, ft)
	}
	return out
}

// segEnd is where the last of segs ends, 0 for none.
func segEnd(segs []gse.Segment) int {
	if len(segs) == 0 {
		return 0
	}
	return segs[len(segs)-1].End()
}

// appendDomainWords adds the words of the domain vocabulary of
// minSubstringWord characters or more that text holds but its
// segmentation cut between other words (社区教育网络 in 社区教育|网络覆盖,
// when 网络覆盖 wins), each at the position of the word it starts in, so
// that a domain word, which queries match as a word, is found wherever the
// text has it. out holds text's tokens, whose starts never decrease.
func appendDomainWords(out []Token, text []byte) []Token {
	n := len(out)
	for _, w := range longDomainWords {
		for off := 0; off < len(text); {
			i := bytes.Index(text[off:], w)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(w)
			_, size := utf8.DecodeRune(w)
			off = start + size
			out = appendCut(out, n, text, start, end)
		}
	}
	if len(out) > n {
		sort.SliceStable(out, func(a, b int) bool { return out[a].Position < out[b].Position })
	}
	return out
}

// appendCut adds the word text[start:end] at the position of the word
// that covers start, unless that position holds it already. out[:n] are
// the text's tokens, whose starts never decrease; tokens after n are
// added ones, which the caller sorts into place.
func appendCut(out []Token, n int, text []byte, start, end int) []Token {
	k := sort.Search(n, func(k int) bool { return out[k].Start > start }) - 1
	if k < 0 {
		return out
	}
	// The word that covers start comes first at its position, before its
	// sub-words.
	pos := out[k].Position
	for k > 0 && out[k-1].Position == pos {
		k--
	}
	if out[k].End <= start {
		return out
	}
	for j := k; j < n && out[j].Position == pos; j++ {
		if out[j].Start == start && out[j].End == end {
			return out
		}
	}
	return append(out, Token{Start: start, End: end, Position: pos, Term: text[start:end]})
}

// appendPlaceNames adds the place names of three characters, a name of
// two and its unit (长沙市, 浙江省, 鄞州区, 象山县), that text holds but its
// segmentation cut between other words (长沙|市委, 武汉|市民, 北京市民 as
// one word), at the position of the word they start, so that a search for
// the city finds its 市委 and its 市民. The name must start a word (汉城市,
// Seoul, is not in 武汉|城市), and only words the dictionary tags as place
// names (ns) are added: other words of three characters found across a
// cut are as often not there (研究生 in 研究|生命, 关工委 in 机关|工委,
// which is 机关工作委员会).
func appendPlaceNames(out []Token, text []byte) []Token {
	n := len(out)
	const name = 3 * len("市") // three characters of three bytes
	for i := name - len("市"); i+len("市") <= len(text); i++ {
		if !unitAt(text, i) {
			continue
		}
		start, end := i+len("市")-name, i+len("市")
		if !placeNames[string(text[start:end])] || unitStartsWord(text[i:]) {
			continue
		}
		// The name starts a word: 汉城市 (Seoul) is not in 武汉|城市.
		k := sort.Search(n, func(k int) bool { return out[k].Start >= start })
		if k < n && out[k].Start == start {
			out = appendCut(out, n, text, start, end)
		}
	}
	return mergeAdded(out, n)
}

// mergeAdded moves the tokens added after out[:n], few and in order of
// position, to the end of their positions among out[:n], in place: one
// pass over the tokens after the first, where a sort would cost more than
// finding them.
func mergeAdded(out []Token, n int) []Token {
	added := append([]Token(nil), out[n:]...)
	end := len(out)
	for a := len(added) - 1; a >= 0; a-- {
		at := sort.Search(n, func(k int) bool { return out[k].Position > added[a].Position })
		// out[at:n] moves up by the a+1 tokens still to insert before it.
		copy(out[at+a+1:end], out[at:n])
		out[at+a] = added[a]
		end, n = at+a, at
	}
	return out
}

// unitStartsWord reports whether the unit at the start of b begins a
// word of its own that is no part of a place's name: 新城区 is not in
// 新城|区域, nor 杭州市 in 杭州|市场.
func unitStartsWord(b []byte) bool {
	return bytes.HasPrefix(b, []byte("区域")) || bytes.HasPrefix(b, []byte("市场"))
}

// unitAt reports whether b holds at i an administrative unit that ends a
// place name: 市, 省, 县 or 区.
func unitAt(b []byte, i int) bool {
	if b[i] != 0xE5 && b[i] != 0xE7 || i+len("市") > len(b) {
		return false
	}
	switch string(b[i : i+len("市")]) {
	case "市", "省", "县", "区":
		return true
	}
	return false
}

// appendSubWords adds the multi-character sub-words of tok, found by gse's
// own search-mode decomposition, recursively. Offsets of sub-segments are
// relative to the word that contains them.
func appendSubWords(out []Token, text []byte, tok *gse.Token, base, pos int) []Token {
	for _, sub := range tok.Segments() {
		start, end := base+sub.Start(), base+sub.End()
		if utf8.RuneCountInString(sub.Token().Text()) >= 2 {
			out = append(out, Token{Start: start, End: end, Position: pos, Term: text[start:end]})
		}
		out = appendSubWords(out, text, sub.Token(), start, pos)
	}
	return out
}

// appendLatinParts adds the parts of a Latin word that users search by
// alone, at the word's position: the letters and the number of a code
// (ISO and 9001 in ISO9001, GB and 2260 in GB2260) and the singular of an
// abbreviation's plural (MOOC in MOOCs, APP in APPs). Other Latin words
// are not cut: an English plural in lower case (bus, news) is not told
// from a word that ends in s.
func appendLatinParts(out []Token, text []byte, start, end, pos int) []Token {
	w := text[start:end]
	letters := 0
	for letters < len(w) && isLetter(w[letters]) {
		letters++
	}
	digits := letters
	for digits < len(w) && '0' <= w[digits] && w[digits] <= '9' {
		digits++
	}
	switch {
	case digits == len(w) && letters >= 2 && digits > letters:
		return append(out,
			Token{Start: start, End: start + letters, Position: pos, Term: w[:letters]},
			Token{Start: start + letters, End: end, Position: pos, Term: w[letters:]})
	case letters == len(w) && isAbbreviationPlural(w):
		return append(out, Token{Start: start, End: end - 1, Position: pos, Term: w[:len(w)-1]})
	}
	return out
}

// Singular returns the singular of an abbreviation's plural (MOOCs →
// MOOC), which the index holds wherever the plural is too, so that a
// search for either finds both, however it is typed (ＭＯＯＣｓ); any other
// word is returned as it is.
func Singular(word string) string {
	if f := Fold([]byte(word)).Text; isAbbreviationPlural(f) {
		return string(f[:len(f)-1])
	}
	return word
}

// isAbbreviationPlural reports whether w is two or more capitals and a
// small s (MOOCs, APPs, NGOs).
func isAbbreviationPlural(w []byte) bool {
	if len(w) < 3 || w[len(w)-1] != 's' {
		return false
	}
	for _, c := range w[:len(w)-1] {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isWord reports whether b holds at least one letter or digit, so that
// whitespace and punctuation never become index terms.
func isWord(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		b = b[n:]
	}
	return false
}
