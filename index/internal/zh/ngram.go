package zh

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/go-ego/gse"

	"github.com/lcmonitor/evidence/internal/lowprio"
)

// Substring search. A query word gse does not know as one word (学习周,
// 12.3万, 342场) is searched as a substring of the text: the text is also
// indexed as overlapping pairs of characters (bigrams, analyzer
// NgramIndexAnalyzer), and such a word becomes the phrase of its own pairs
// (NgramQueryAnalyzer, or Bigrams with query true; Bigrams says which
// pairs and positions). Pairs never span whitespace, but inside a 文号
// (docNumberGaps), after a clause mark (markGaps: 人。\n优化 holds 。优)
// and at a page break inside a sentence; punctuation is kept,
// so 12.3万 is 12|2.|.3|3万 and a 文号 such as 〔2015〕58号 is searchable.
//
// A number is not cut out of a longer number: at the first and last digit
// of a number (digits, with '.' or ',' between digits) the pair is indexed a
// second time with a mark, ^ before or $ after it (^13 and 42$ in 举办1342场),
// and a query word that begins or ends with a digit asks for the marked
// pair. So 342场 does not match 1342场, nor 3万 12.3万. A decimal's
// trailing zeros change no value: the pair before them is marked as an
// end too (valueEnd), so 96.5 matches 96.50%, and the digit before them
// is joined to the unit after them (ZerosToken), so 96.5% matches it too.
//
// A count written in Chinese numerals (一万二千人) is indexed once more as
// one token of its number in Arabic digits and its unit (#12000人:
// ChineseCounts, CountToken), so that 12000人 finds it, and every number
// once more as one token of its value (#=12000 for 1.2万: Values,
// ValueToken), so that a bare 12000 finds it.

// Names of the n-gram analysis components registered with Bleve; like the
// gse ones they are stored in the index's mapping.
const (
	ngramTokenizerType = "zh_bigram"
	ngramIndexTokName  = "zh_bigram_index"
	ngramQueryTokName  = "zh_bigram_query"
	// NgramIndexAnalyzer indexes text as overlapping character pairs, with
	// marked pairs at the edges of numbers.
	NgramIndexAnalyzer = "zh_ngram_index"
	// NgramQueryAnalyzer turns a query word into the phrase of its pairs,
	// marking a pair that starts or ends the word with a digit.
	NgramQueryAnalyzer = "zh_ngram_query"
)

func init() {
	if err := registry.RegisterTokenizer(ngramTokenizerType, newNgramTokenizer); err != nil {
		panic("register bigram tokenizer: " + err.Error())
	}
}

type ngramTokenizer struct {
	query bool
}

func newNgramTokenizer(config map[string]interface{}, _ *registry.Cache) (analysis.Tokenizer, error) {
	if err := loadFolding(); err != nil {
		return nil, err
	}
	mode, _ := config["mode"].(string)
	return &ngramTokenizer{query: mode == "query"}, nil
}

// Tokenize implements analysis.Tokenizer.
func (t *ngramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var grams []Token
	if t.query {
		grams = Bigrams(input, true)
	} else {
		lowprio.Run(func() { grams = Bigrams(input, false) }) // as the gse tokenizer's
	}
	// One allocation for all tokens rather than one per pair, as the gse
	// tokenizer does: a page of 1 MB has a third of a million pairs.
	slab := make([]analysis.Token, len(grams))
	stream := make(analysis.TokenStream, len(grams))
	for i, g := range grams {
		slab[i] = analysis.Token{Start: g.Start, End: g.End, Term: g.Term, Position: g.Position, Type: analysis.Ideographic}
		stream[i] = &slab[i]
	}
	return stream
}

// Bigrams cuts text (folded first, ASCII lower-cased) into overlapping
// character pairs with the byte offsets of the original. For a text
// (query false) every pair at the edge of a number comes a second time
// marked; for a query word (query true) the pairs at its ends are marked
// instead when the word starts or ends with a digit.
//
// Positions. Within a stretch without whitespace a pair's position is one
// more than the one before it. A whitespace run that no pair spans (one
// after a clause mark, inside a 文号 or a page break inside a sentence
// is spanned: ngramCuts) becomes the token Whitespace one position after
// the stretch before it, and the next stretch starts two positions later
// still: the pairs either
// side of whitespace are three apart, never one or two as in a stretch. A
// stretch of one character, which has no pair, is the token of that
// character alone (Lone), so that it is neither lost nor skipped over. So
// a query word needs only enough of its pairs to cover it (学习成果认证 is
// 学习 _ 成果 _ 认证, 乡村振兴 is 乡村 _ 振兴, each _ a position left open):
// a document's pairs two positions apart are in one stretch, four
// characters in a row. A query word keeps every other pair of each
// stretch, the last one, its lone characters and its Whitespace tokens, so
// "abc def" needs whitespace between abc and def and "plan b" needs the b.
// Fewer pairs make the phrase cheaper to match: every position of each
// pair is read in every document that has them all.
func Bigrams(text []byte, query bool) []Token {
	f := Fold(text)
	ft := lowerASCII(f.Text)
	// A pair for every character, and a few marked ones: sized once, not
	// grown through copies of a long page's pairs.
	n := utf8.RuneCount(ft)
	rs := make([]rune, 0, n)
	offs := make([]int, 0, n+1)
	// The whitespace inside a 文号 is left out too (docNumberGaps), and
	// that after a clause mark (markGaps).
	cuts := ngramCuts(string(ft))
	for i, r := range string(ft) {
		for len(cuts) > 0 && i >= cuts[0].to {
			cuts = cuts[1:]
		}
		if len(cuts) > 0 && i >= cuts[0].from {
			// A page break inside a sentence joins its two pages,
			// as a line break does (extract.Normalize): the pair of
			// the characters either side spans it, and the page
			// number at the foot of the page before it; so does the
			// pair either side of whitespace inside a 文号, and of
			// whitespace after a clause mark (markGaps).
			continue
		}
		rs = append(rs, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(ft))
	// A count in Chinese numerals is held a second time as one token, at
	// the pair that ends at its unit (ChineseCounts), and so is a
	// session's serial (SerialCounts).
	// Every number is held once more as one token of its value (Values),
	// with the pair that ends at its last character, or the first pair
	// or lone character of a stretch that it starts.
	// Digits parted by a thousands space or a line break (1 200人) are a
	// count in their joined value too (spacedValue), as values reads them.
	var counts map[int]Count
	var vals map[int][]Count
	if !query {
		cs := chineseNumbers(rs, true)
		for _, c := range cs {
			if !hasUnit(rs, c.End) {
				continue // a value, no count (ChineseCounts)
			}
			if counts == nil {
				counts = map[int]Count{}
			}
			counts[c.End-1] = c
		}
		for _, c := range SerialCounts(rs) {
			if counts == nil {
				counts = map[int]Count{}
			}
			counts[c.End-1] = c
		}
		for _, v := range values(rs, cs) {
			if vals == nil {
				vals = map[int][]Count{}
			}
			vals[v.End-1] = append(vals[v.End-1], v)
			if _, taken := counts[v.End-1]; !taken && hasUnit(rs, v.End) && slices.ContainsFunc(rs[v.Start:v.End], unicode.IsSpace) {
				if counts == nil {
					counts = map[int]Count{}
				}
				counts[v.End-1] = v
			}
		}
	}
	valueTokens := func(out []Token, at, pos int) []Token {
		for _, v := range vals[at] {
			out = append(out, Token{Start: f.Orig(offs[v.Start]), End: f.Orig(offs[v.End]), Position: pos, Term: ValueToken(v.Number)})
		}
		return out
	}
	out := make([]Token, 0, len(rs)+len(rs)/16)
	pos := 0
	prevEnd := -1 // where the stretch before ended, -1 before the first
	for from := 0; from < len(rs); {
		if unicode.IsSpace(rs[from]) {
			from++
			continue
		}
		to := from
		for to < len(rs) && !unicode.IsSpace(rs[to]) {
			to++
		}
		if prevEnd >= 0 {
			out = append(out, Token{Start: f.Orig(offs[prevEnd]), End: f.Orig(offs[from]), Position: pos + 1, Term: []byte(Whitespace)})
			pos += 2
		}
		if to-from == 1 {
			pos++
			out = append(out, Token{Start: f.Orig(offs[from]), End: f.Orig(offs[to]), Position: pos, Term: Lone(ft[offs[from]:offs[to]])})
			out = valueTokens(out, from, pos)
		}
		for i := from; i+1 < to; i++ {
			pos++
			term := ft[offs[i]:offs[i+2]]
			if len(term) != utf8.RuneLen(rs[i])+utf8.RuneLen(rs[i+1]) {
				term = []byte(string(rs[i : i+2])) // across a page break
			}
			start, end := f.Orig(offs[i]), f.Orig(offs[i+2])
			if query {
				if (i-from)%2 == 1 && i+2 < to {
					continue // covered by its neighbours
				}
				first := i == 0 && isDigit(rs[0])
				last := i+2 == len(rs) && isDigit(rs[i+1])
				out = append(out, Token{Start: start, End: end, Position: pos, Term: markPair(term, first, last)})
				continue
			}
			first, last := numberStart(rs, i), valueEnd(rs, i+1)
			out = append(out, Token{Start: start, End: end, Position: pos, Term: term})
			if c, ok := counts[i]; ok {
				out = append(out, Token{Start: f.Orig(offs[c.Start]), End: end, Position: pos, Term: CountToken(c.Number, rs[i+1])})
			}
			out = valueTokens(out, i+1, pos)
			if i == from {
				out = valueTokens(out, i, pos)
			}
			if first {
				out = append(out, Token{Start: start, End: end, Position: pos, Term: markPair(term, true, false)})
			}
			if last {
				out = append(out, Token{Start: start, End: end, Position: pos, Term: markPair(term, false, true)})
			}
			if first && last {
				out = append(out, Token{Start: start, End: end, Position: pos, Term: markPair(term, true, true)})
			}
			if k, ok := zerosUnitAt(rs, i); ok {
				out = append(out, Token{Start: start, End: f.Orig(offs[k+1]), Position: pos, Term: ZerosToken(rs[i], first, rs[k])})
			}
		}
		prevEnd = to
		from = to
	}
	return out
}

// Lone is the n-gram token of a character with whitespace (or the end of
// the text) on both sides: the character between the marks of a whole
// number, ^c$, three characters, which no pair or marked pair can be.
func Lone(c []byte) []byte {
	return markPair(c, true, true)
}

// Whitespace is the n-gram token of a run of whitespace between pairs: one
// character, so no pair can be it.
const Whitespace = "\u2423"

func markPair(term []byte, first, last bool) []byte {
	if !first && !last {
		return term
	}
	out := make([]byte, 0, len(term)+2)
	if first {
		out = append(out, '^')
	}
	out = append(out, term...)
	if last {
		out = append(out, '$')
	}
	return out
}

// lowerASCII returns a lower-cased copy of b; only ASCII letters change, so
// offsets stay valid.
func lowerASCII(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isNumberSep(r rune) bool { return r == '.' || r == ',' }

// numberStart reports whether rs[i] is the first digit of a number.
func numberStart(rs []rune, i int) bool {
	if !isDigit(rs[i]) {
		return false
	}
	if i > 0 && isDigit(rs[i-1]) {
		return false
	}
	return !(i > 1 && isNumberSep(rs[i-1]) && isDigit(rs[i-2]))
}

// numberEnd reports whether rs[j] is the last digit of a number.
func numberEnd(rs []rune, j int) bool {
	if !isDigit(rs[j]) {
		return false
	}
	if j+1 < len(rs) && isDigit(rs[j+1]) {
		return false
	}
	return !(j+2 < len(rs) && isNumberSep(rs[j+1]) && isDigit(rs[j+2]))
}

// valueEnd reports whether rs[j] ends a number or its value: the last
// digit of a number, or the digit of a decimal after which only zeros
// follow to the number's end (the 5 and the first 0 of 96.500, the 6 of
// 96.00). A query word ending with a digit asks for the pair marked at a
// number's end, and 96.5 is a substring of 96.50% that means the same:
// the number is not cut there, so it must be found there.
func valueEnd(rs []rune, j int) bool {
	return numberEnd(rs, j) || zerosEnd(rs, j)
}

// maxZerosScan bounds, in characters, the trailing zeros zerosEnd
// takes and the digits it reads back to a decimal's point: far more than
// a number format shows (Excel's at most 30 places), and it keeps a
// crafted page of a million zeros from costing a scan per digit of it.
const maxZerosScan = 64

// zerosEnd reports whether rs[j] is a digit of a decimal with one point
// that only zeros follow to the number's end, a point before them when
// rs[j] is the integer's last digit. Thousands (1,000) and a version's
// second point (1.2.50) are no trailing zeros, nor more than
// maxZerosScan zeros, or a point further back, nor the month of a
// year and October (2024.10: YearMonth), nor a clause's, section's or
// version's number (第3.10条, v2.10: sectionNumberAt), the tenth, not
// the first.
func zerosEnd(rs []rune, j int) bool {
	if !isDigit(rs[j]) {
		return false
	}
	k := j + 1
	point := k+1 < len(rs) && rs[k] == '.' && isDigit(rs[k+1])
	if point {
		k++
	}
	zeros := k
	for k < len(rs) && rs[k] == '0' {
		if k++; k-zeros > maxZerosScan {
			return false
		}
	}
	if k == zeros || !numberEnd(rs, k-1) {
		return false
	}
	// The number's points up to rs[j]: none when a point follows it, its
	// decimal's one when it is in the fraction.
	points := 0
	for i := j; i >= 0; i-- {
		if j-i > maxZerosScan {
			return false
		}
		if isDigit(rs[i]) {
			continue
		}
		if i == 0 || !isNumberSep(rs[i]) || !isDigit(rs[i-1]) {
			break
		}
		if rs[i] == '.' {
			points++
		}
	}
	if point && points != 0 || !point && points != 1 {
		return false
	}
	return !yearMonthAt(rs, j) && !sectionNumberAt(rs, j)
}

// minSubstringWord is the length in characters from which a dictionary
// word is searched as a substring too. The text's segmentation often
// cuts a long word differently from the word alone (社区教育|网络覆盖 holds
// 教育网络, 教育|科学研究院 holds 教育科学, 四级|网络体系… ), and a word
// of four characters or more found inside other words is nearly always
// that word; two- and three-character words so found are often not (市长
// in 南京市|长江大桥, 研究生 in 研究|生命), so they keep their boundaries.
// The domain vocabulary (vocab.txt) stays words too: the segmenter keeps
// its words whole (their frequency beats any other cut), and they are the
// commonest queries, which a word answers at half the cost of a substring
// (BenchmarkSearchLoadMix).
const minSubstringWord = 4

// SubstringText returns the text a query word is searched by as a
// substring, and true, when gse does not know the word as one word or
// the word is a dictionary word of minSubstringWord characters or more
// outside the domain vocabulary,
// or a number with a per cent sign: the word folded and lower-cased,
// without whitespace next to a Chinese character (the stored text has none
// there) and without punctuation at its ends, but for a per cent or per
// mille sign after a digit (3.5% is not 3.5万). It returns "", false for a
// shorter dictionary word, a single character, a Latin word or a plain
// number, which are matched as words so that they keep their boundaries
// (市长 does not match 南京市长江大桥).
func SubstringText(seg *gse.Segmenter, word string) (string, bool) {
	toks := Segment(seg, []byte(word), false)
	if len(toks) == 0 {
		return "", false
	}
	s := substringForm(word)
	if len(toks) == 1 && !strings.HasSuffix(s, "%") && !strings.HasSuffix(s, "‰") {
		w := string(toks[0].Term)
		n := utf8.RuneCountInString(w)
		if n < 2 || isASCIIWord(w) {
			return "", false
		}
		if _, _, known := seg.Find(w); known && (n < minSubstringWord || domainWords[w]) {
			return "", false
		}
	}
	if utf8.RuneCountInString(s) < 2 {
		return "", false
	}
	return s, true
}

// SubstringForm returns the text a query word is searched by when it is
// asked for as a substring whatever it is (a search of substrings): the
// text SubstringText gives, for any word of two characters or more; "",
// false for a shorter one, which has no pair.
func SubstringForm(word string) (string, bool) {
	s := substringForm(word)
	if utf8.RuneCountInString(s) < 2 {
		return "", false
	}
	return s, true
}

// CrossableWord reports whether a query word is one that the text may
// hold where the search does not find it: a dictionary word of two or
// three Chinese characters, which SubstringText leaves to be matched as a
// word, and which the text's segmentation may have crossed where
// appendRecut could not mend the cut (健全 in 建立|健|全市民, 中小学 in
// 中小|学生). A longer domain word is found wherever the text holds it
// (appendDomainWords), and any other word is searched as a substring.
func CrossableWord(seg *gse.Segmenter, word string) bool {
	if _, ok := SubstringText(seg, word); ok {
		return false
	}
	s := substringForm(word)
	n := utf8.RuneCountInString(s)
	return n >= 2 && n < minSubstringWord && allHan([]byte(s))
}

// substringForm is word folded, lower-cased, without whitespace next to a
// Chinese character or after a clause mark (markGaps: the n-gram fields
// have none there) and without punctuation at its ends, but for a per
// cent or per mille sign after a digit.
func substringForm(word string) string {
	notAlnum := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	s := joinCJK(string(lowerASCII(Fold([]byte(word)).Text)))
	s, _ = joinCuts(s, markGaps(s))
	s = strings.TrimLeftFunc(dropDocNumberGaps(s), notAlnum)
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		if n == 0 || !notAlnum(r) {
			return s
		}
		if before, _ := utf8.DecodeLastRuneInString(s[:len(s)-n]); (r == '%' || r == '‰') && isDigit(before) {
			return s
		}
		s = s[:len(s)-n]
	}
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// joinCJK removes whitespace that has a non-ASCII character on either side,
// as the normalisation of stored text does between Chinese characters.
func joinCJK(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsSpace(r) {
			j := i
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
			k := i - 1
			for k >= 0 && unicode.IsSpace(rs[k]) {
				k--
			}
			prevWide := k >= 0 && rs[k] >= utf8.RuneSelf
			nextWide := j < len(rs) && rs[j] >= utf8.RuneSelf
			if prevWide || nextWide {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FindSubstrings returns the byte spans of text where sub (as returned by
// SubstringText) occurs, by the same rules as the n-gram index: on the
// folded, lower-cased text, never cutting a number, and across a page
// break inside a sentence (text may be pages joined by '\f'), which a
// span then holds.
func FindSubstrings(text, sub string) [][2]int {
	return NewSubstringFinder(text).Find(sub)
}

// SubstringFinder finds substrings in one text as FindSubstrings does,
// folding the text once for all of them.
type SubstringFinder struct {
	f  Folded
	ft string
	at func(int) int
	// counts are ft's counts in Chinese numerals, found on FindCount's
	// first call, and runeOffs the byte offset of each rune of ft
	// (runes).
	counts   []Count
	runeOffs []int
	// values are ft's numbers with their values, found on FindValue's
	// first call.
	values []Count
}

// NewSubstringFinder folds text for Find.
func NewSubstringFinder(text string) *SubstringFinder {
	f := Fold([]byte(text))
	lt := string(lowerASCII(f.Text))
	ft, at := joinCuts(lt, ngramCuts(lt))
	return &SubstringFinder{f: f, ft: ft, at: at}
}

// Find is FindSubstrings(text, sub) for the finder's text.
func (sf *SubstringFinder) Find(sub string) [][2]int {
	out := sf.find(sub)
	for i, se := range out {
		// A span that ends at a removed break ends before it.
		out[i] = [2]int{sf.f.Orig(sf.at(se[0])), sf.f.Orig(sf.at(se[1]-1) + 1)}
	}
	return out
}

// find is Find with the spans as byte offsets of the folded text ft.
func (sf *SubstringFinder) find(sub string) [][2]int {
	ft := sf.ft
	subRunes := []rune(sub)
	wantStart, wantEnd := isDigit(subRunes[0]), isDigit(subRunes[len(subRunes)-1])
	notNext := UnitNotNext(sub)
	var out [][2]int
	for off := 0; ; {
		i := strings.Index(ft[off:], sub)
		if i < 0 {
			return out
		}
		s, e := off+i, off+i+len(sub)
		off = s + 1
		for off < len(ft) && !utf8.RuneStart(ft[off]) {
			off++
		}
		if wantStart && !numberStartAt(ft, s) || wantEnd && !numberEndAt(ft, e) || goesOn(ft[e:], notNext) {
			continue
		}
		out = append(out, [2]int{s, e})
	}
}

// numberStartAt reports whether the digit at byte s of t begins a number.
func numberStartAt(t string, s int) bool {
	before := []rune(t[max(0, s-8):s])
	rs := append(before, []rune(t[s:min(len(t), s+4)])...)
	return numberStart(rs, len(before))
}

// numberEndAt reports whether the digit ending at byte e of t ends a
// number or its value (valueEnd), as the index marks it.
func numberEndAt(t string, e int) bool {
	// The digits and separators either side are ASCII, and all that
	// valueEnd reads, as far as it reads them (maxZerosScan).
	from, to := e, e
	for from > max(0, e-maxZerosScan-8) && isNumberByte(t[from-1]) {
		from--
	}
	for to < min(len(t), e+maxZerosScan+8) && isNumberByte(t[to]) {
		to++
	}
	before := []rune(t[max(0, from-4):e])
	rs := append(before, []rune(t[e:min(len(t), to+4)])...)
	return valueEnd(rs, len(before)-1)
}

func isNumberByte(c byte) bool { return '0' <= c && c <= '9' || c == '.' || c == ',' }

// goesOn reports whether rest, the text after a word that ends at a
// unit, starts with one of notNext, which make the unit another
// (UnitNotNext: 次 after 12000人).
func goesOn(rest, notNext string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return notNext != "" && strings.ContainsRune(notNext, r)
}

// runes finds the byte offset of each rune of ft, once.
func (sf *SubstringFinder) runes() {
	if sf.runeOffs != nil {
		return
	}
	for i := range sf.ft {
		sf.runeOffs = append(sf.runeOffs, i)
	}
	sf.runeOffs = append(sf.runeOffs, len(sf.ft))
}

// span is the byte span of the original text where runes [from, to) of
// ft and then n more bytes stand.
func (sf *SubstringFinder) span(from, to, n int) [2]int {
	s, e := sf.runeOffs[from], sf.runeOffs[to]+n
	return [2]int{sf.f.Orig(sf.at(s)), sf.f.Orig(sf.at(e-1) + 1)}
}

// FindValue returns the byte spans of the finder's text where a number
// of the value number (Values: 12000 for 1.2万, 12,000 and 一万二千人's
// 一万二千) is written, as the n-gram index finds it by its value token.
func (sf *SubstringFinder) FindValue(number string) [][2]int {
	if sf.values == nil {
		sf.runes()
		sf.values = Values([]rune(sf.ft))
		if sf.values == nil {
			sf.values = []Count{}
		}
	}
	var out [][2]int
	for _, v := range sf.values {
		if v.Number == number {
			out = append(out, sf.span(v.Start, v.End, 0))
		}
	}
	return out
}

// FindCount returns the byte spans of the finder's text where a count in
// Chinese numerals (ChineseCounts, SerialCounts) of number is written with rest right
// after it (its unit and what follows in a query word: 人次 of 12000人次),
// as the n-gram index finds it by its count token and the pairs after it.
func (sf *SubstringFinder) FindCount(number, rest string) [][2]int {
	if sf.counts == nil {
		sf.runes()
		rs := []rune(sf.ft)
		sf.counts = append(ChineseCounts(rs), SerialCounts(rs)...)
		if sf.counts == nil {
			sf.counts = []Count{}
		}
	}
	notNext := UnitNotNext(number + rest)
	var out [][2]int
	for _, c := range sf.counts {
		after := sf.ft[sf.runeOffs[c.End]:]
		if c.Number != number || !strings.HasPrefix(after, rest) || goesOn(after[len(rest):], notNext) {
			continue
		}
		out = append(out, sf.span(c.Start, c.End, len(rest)))
	}
	return out
}
