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
	// domainWords is the curated vocabulary as a set, and longDomainWords
	// its words of minSubstringWord characters or more; both are filled
	// with the shared segmenter.
	domainWords         map[string]bool
	longDomainWords     [][]byte
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
// are skipped and do not take a position.
func Segment(seg *gse.Segmenter, text []byte, search bool) []Token {
	f := Fold(text)
	ft := f.Text
	segs := seg.Segment(ft)
	out := make([]Token, 0, len(segs)+len(segs)/2)
	pos := 0
	for i := range segs {
		s := &segs[i]
		if !isWord(ft[s.Start():s.End()]) {
			continue
		}
		pos++
		out = append(out, Token{Start: s.Start(), End: s.End(), Position: pos, Term: ft[s.Start():s.End()]})
		if search {
			out = appendSubWords(out, ft, s.Token(), s.Start(), pos)
		}
	}
	if search {
		out = appendDomainWords(out, ft)
	}
	if f.orig != nil {
		for i := range out {
			out[i].Start, out[i].End = f.Orig(out[i].Start), f.Orig(out[i].End)
		}
	}
	return out
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
			k := sort.Search(n, func(k int) bool { return out[k].Start > start }) - 1
			if k < 0 {
				continue
			}
			// The word that covers start comes first at its position,
			// before its sub-words.
			pos := out[k].Position
			for k > 0 && out[k-1].Position == pos {
				k--
			}
			if out[k].End <= start {
				continue
			}
			held := false
			for j := k; j < n && out[j].Position == pos && !held; j++ {
				held = out[j].Start == start && out[j].End == end
			}
			if !held {
				out = append(out, Token{Start: start, End: end, Position: pos, Term: text[start:end]})
			}
		}
	}
	if len(out) > n {
		sort.SliceStable(out, func(a, b int) bool { return out[a].Position < out[b].Position })
	}
	return out
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
