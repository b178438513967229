package zh

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// Punctuation in a phrase. Experts copy sentences from a city's 定性描述
// or another document, where the clause marks often differ from the
// text's (，for 、, a comma added or dropped), and the archive's quote
// check ignores them; so a substring query word's clause mark matches any
// clause mark or none at that place in the text, and a long phrase typed
// without one finds the text with one between two of its words.
//
// FlexMarks are those marks, folded (，；：！？． are , ; : ! ? .): the
// clause marks within a sentence (ClauseMarks) and its ends
// (SentenceMarks). A typed mark matches one of its own kind or none, and
// a place where none was typed only a clause mark: a sentence's end
// there would join the end of one sentence to the start of the next. A
// mark between two ASCII letters or digits is no clause mark (1,200,
// 12.5, 8:30, www.gov.cn), nor one between two numerals (第十、二 is not
// 第十二, 三、四十 not 三四十): they stay as typed, as do brackets
// (〔2024〕), quotation marks and a run of two marks. After a number's
// per cent sign a mark is a clause mark as after a word (96.5%，提高).
const (
	ClauseMarks   = ",、;:"
	SentenceMarks = "。!?."
	FlexMarks     = ClauseMarks + SentenceMarks
)

// Flex is a substring query word cut at the places where a clause mark
// may or may not stand in the text: Parts in order, Joins[i] between
// Parts[i] and Parts[i+1]. At a join the text has the parts adjacent or
// one of FlexMarks between them.
type Flex struct {
	Parts []string
	Joins []FlexJoin
}

// FlexJoin is a place between two parts of a Flex.
type FlexJoin struct {
	// Skip is a place where the word typed no mark: of the skips between
	// two marks the word typed (or its ends), at most one may hold a mark
	// in the text.
	Skip bool
	// Marks are the marks the text may hold there (ClauseMarks or
	// SentenceMarks).
	Marks string
	// Typed is the mark the word typed there, none at a skip.
	Typed rune
}

// MaxFlexJoins bounds a word's flexible places, each of which the
// search reads the pairs of its marks for: a sentence copied whole with
// a dozen commas costs no more than one with eight. The marks the word
// typed are served first, then the places where it typed none (Flex's
// capped): after MaxFlexJoins places the word's marks are taken as typed
// and no mark is added where none was typed.
const MaxFlexJoins = 8

// Skip places are kept for precision: only in a stretch of the word
// (between the marks it typed) of minSkipStretch characters or more, at
// a boundary of its words at least minSkipSide characters from either
// end of the stretch, once. A short phrase is a term whose words must
// stand together (学分银行建设 is not 学分银行，建设学习型城市); a
// sentence copied without its comma is not.
const (
	minSkipStretch = 10
	minSkipSide    = 4
)

// NewFlex returns sub, a query word's substring text (SubstringText,
// SubstringForm), as a Flex, and false when it has no such place or
// cannot be matched so: with whitespace, or with no part of two
// characters (the parts' pairs find the candidates).
func NewFlex(seg *gse.Segmenter, sub string) (Flex, bool) {
	if strings.ContainsFunc(sub, unicode.IsSpace) {
		return Flex{}, false
	}
	var f Flex
	stretches, marks := typedStretches(sub)
	for k, stretch := range stretches {
		if k > 0 {
			f.Joins = append(f.Joins, FlexJoin{Marks: markKind(marks[k-1]), Typed: marks[k-1]})
		}
		for i, part := range skipParts(seg, stretch) {
			if i > 0 {
				f.Joins = append(f.Joins, FlexJoin{Skip: true, Marks: ClauseMarks})
			}
			f.Parts = append(f.Parts, part)
		}
	}
	if len(f.Joins) == 0 {
		return Flex{}, false
	}
	if len(f.Joins) > MaxFlexJoins {
		f = f.capped()
	}
	for _, p := range f.Parts {
		if utf8.RuneCountInString(p) >= 2 {
			return f, true
		}
	}
	return Flex{}, false
}

// capped is f with MaxFlexJoins places at most, the marks the word typed
// served first: the first MaxFlexJoins of them, then as many of its skips
// as are left, in order. A place not kept is taken as typed: its parts
// joined, with its typed mark between them. Skips first in the word (a
// sentence copied without its commas) would otherwise use up the cap and
// leave a mark typed after them to match only as typed.
func (f Flex) capped() Flex {
	typed := 0
	for _, j := range f.Joins {
		if !j.Skip {
			typed++
		}
	}
	skips := MaxFlexJoins - min(typed, MaxFlexJoins)
	typed = MaxFlexJoins - skips
	out := Flex{Parts: []string{f.Parts[0]}}
	for k, j := range f.Joins {
		keep := &typed
		if j.Skip {
			keep = &skips
		}
		if *keep > 0 {
			*keep--
			out.Joins = append(out.Joins, j)
			out.Parts = append(out.Parts, f.Parts[k+1])
			continue
		}
		last := &out.Parts[len(out.Parts)-1]
		if j.Typed != 0 {
			*last += string(j.Typed)
		}
		*last += f.Parts[k+1]
	}
	return out
}

// typedStretches cuts sub at its flexible marks (flexMarkAt), leaving
// them out: the stretches, and the marks between them.
func typedStretches(sub string) (stretches []string, marks []rune) {
	rs := []rune(sub)
	from := 0
	for i := range rs {
		if flexMarkAt(rs, i) {
			stretches = append(stretches, string(rs[from:i]))
			marks = append(marks, rs[i])
			from = i + 1
		}
	}
	return append(stretches, string(rs[from:])), marks
}

// markKind is the marks a typed mark m matches: those of its kind.
func markKind(m rune) string {
	if strings.ContainsRune(ClauseMarks, m) {
		return ClauseMarks
	}
	return SentenceMarks
}

// numeral reports whether r is a digit or a Chinese numeral: a mark
// between two of them is part of what the numbers say.
func numeral(r rune) bool {
	return unicode.IsDigit(r) || strings.ContainsRune("〇零一二两三四五六七八九十百千万亿", r)
}

// flexMarkAt reports whether rs[i] is a clause mark that may be any or
// none: one of FlexMarks alone between two letters or digits (or a
// number's per cent sign and a letter or digit), not both ASCII.
func flexMarkAt(rs []rune, i int) bool {
	if i == 0 || i+1 >= len(rs) || !strings.ContainsRune(FlexMarks, rs[i]) {
		return false
	}
	before := wordChar(rs[i-1]) || percentAfterDigit(rs, i-1)
	return before && wordChar(rs[i+1]) && (rs[i-1] >= utf8.RuneSelf || rs[i+1] >= utf8.RuneSelf) &&
		!(numeral(rs[i-1]) && numeral(rs[i+1]))
}

func wordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// percentAfterDigit reports whether rs[i] is a per cent or per mille
// sign after a digit: a number's unit, after which a clause mark is one
// (96.5%，提高到98.2%) as after a word.
func percentAfterDigit(rs []rune, i int) bool {
	return (rs[i] == '%' || rs[i] == '‰') && i > 0 && isDigit(rs[i-1])
}

// skipParts cuts a stretch of a query word at its skip places: the
// boundaries of its words (cut in exact mode) at least minSkipSide
// characters from its ends, between a letter or digit and another, not
// both ASCII; the stretch whole when it is shorter than minSkipStretch.
func skipParts(seg *gse.Segmenter, stretch string) []string {
	rs := []rune(stretch)
	if len(rs) < minSkipStretch {
		return []string{stretch}
	}
	var out []string
	from := 0
	for _, tk := range Segment(seg, []byte(stretch), false) {
		b := utf8.RuneCountInString(stretch[:tk.Start])
		if b < minSkipSide || len(rs)-b < minSkipSide || b <= from {
			continue
		}
		if !wordChar(rs[b-1]) || !wordChar(rs[b]) || rs[b-1] < utf8.RuneSelf && rs[b] < utf8.RuneSelf ||
			numeral(rs[b-1]) && numeral(rs[b]) {
			continue
		}
		out = append(out, string(rs[from:b]))
		from = b
	}
	return append(out, string(rs[from:]))
}

// Trailing zeros in a flexible word. The word's numbers may be written
// with trailing zeros before their units as without its marks (96.5%，
// 提高到98.2% finds 96.50%、提高到98.20%): inside a part at its ZeroCuts,
// and at a join after a digit, before the mark or the next part. A join
// before the first part of two characters takes none: the search finds
// the word from that part's pairs, a mark's place before it one position
// at most.

// ZerosAtJoin reports whether the text may write trailing zeros at join
// k, between Parts[k] and Parts[k+1]: after its last digit.
func (f Flex) ZerosAtJoin(k int) bool {
	last, _ := utf8.DecodeLastRuneInString(f.Parts[k])
	if !isDigit(last) {
		return false
	}
	for _, p := range f.Parts[:k+1] {
		if utf8.RuneCountInString(p) >= 2 {
			return true
		}
	}
	return false
}

// HasZeros reports whether the text may write trailing zeros somewhere
// in f: in a part or at a join.
func (f Flex) HasZeros() bool {
	for k, p := range f.Parts {
		if len(ZeroCuts(p)) > 0 || k < len(f.Joins) && f.ZerosAtJoin(k) {
			return true
		}
	}
	return false
}

// FindFlex returns the byte spans of the finder's text where f occurs,
// as FindSubstrings does for a word without flexible places: each part
// as written or with trailing zeros at its ZeroCuts, at each join
// nothing or one of FlexMarks, after trailing zeros where ZerosAtJoin.
func (sf *SubstringFinder) FindFlex(f Flex) [][2]int {
	first := f.Parts[0]
	lead := first
	if cuts := ZeroCuts(first); len(cuts) > 0 {
		lead = first[:cuts[0]]
	}
	whole := strings.Join(f.Parts, "")
	wantStart, wantEnd := isDigit([]rune(first)[0]), isDigit([]rune(whole)[len([]rune(whole))-1])
	notNext := UnitNotNext(whole)
	ft := sf.ft
	var out [][2]int
	for off := 0; ; {
		i := strings.Index(ft[off:], lead)
		if i < 0 {
			break
		}
		s := off + i
		off = s + 1
		for off < len(ft) && !utf8.RuneStart(ft[off]) {
			off++
		}
		e, ok := sf.partAt(s, first)
		if ok {
			e, ok = sf.flexAt(e, f, 1, false)
		}
		if !ok || wantStart && !numberStartAt(ft, s) || wantEnd && !numberEndAt(ft, e) || goesOn(ft[e:], notNext) {
			continue
		}
		out = append(out, [2]int{s, e})
	}
	for i, se := range out {
		out[i] = [2]int{sf.f.Orig(sf.at(se[0])), sf.f.Orig(sf.at(se[1]-1) + 1)}
	}
	return out
}

// partAt matches part at byte i of the finder's text, with trailing
// zeros or without at each of its ZeroCuts, and returns where it ends.
func (sf *SubstringFinder) partAt(i int, part string) (int, bool) {
	from := 0
	for _, cut := range ZeroCuts(part) {
		if !strings.HasPrefix(sf.ft[i:], part[from:cut]) {
			return 0, false
		}
		i += cut - from
		from = cut
		if n, ok := sf.zerosAt(i); ok {
			i += n
		}
	}
	if !strings.HasPrefix(sf.ft[i:], part[from:]) {
		return 0, false
	}
	return i + len(part) - from, true
}

// flexAt matches f's parts from part k on at byte i of the finder's
// text, the parts before it matched; skipped tells whether a skip of the
// stretch held a mark. It returns where the match ends, preferring the
// parts adjacent.
func (sf *SubstringFinder) flexAt(i int, f Flex, k int, skipped bool) (int, bool) {
	if k == len(f.Parts) {
		return i, true
	}
	ft := sf.ft
	join := f.Joins[k-1]
	if !join.Skip {
		skipped = false
	}
	if f.ZerosAtJoin(k - 1) {
		if n, ok := sf.zerosAt(i); ok {
			i += n
		}
	}
	if e, ok := sf.partAt(i, f.Parts[k]); ok {
		if e, ok := sf.flexAt(e, f, k+1, skipped); ok {
			return e, true
		}
	}
	if join.Skip && skipped {
		return 0, false
	}
	r, n := utf8.DecodeRuneInString(ft[i:])
	if n == 0 || !strings.ContainsRune(join.Marks, r) {
		return 0, false
	}
	e, ok := sf.partAt(i+n, f.Parts[k])
	if !ok {
		return 0, false
	}
	return sf.flexAt(e, f, k+1, join.Skip)
}
