package zh

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Whitespace inside a 文号. OCR and some Word files write a 文号 with
// spaces in it (浙政发 [2019] 5号, 杭教发(2018) 12号, a line break after
// the year), which extract.Normalize keeps beside ASCII brackets. The
// n-gram fields would hold those spaces as Whitespace tokens, so the
// 文号 as people type it, 浙政发〔2019〕5号, a phrase of pairs without
// whitespace, silently missed the document. The spaces inside a 文号 are
// left out of the pairs instead (docNumberGaps), as a page break inside
// a sentence is, and left out of a query word too (substringForm), so
// that the 文号 is one stretch of pairs however it was spaced; the
// phrase stays exact, so 杭教发〔2018〕12号 still does not match a text
// holding 2018 and 12 elsewhere. A phrase across whitespace would have
// found it too, at 25 times the cost of the search (bench/README.md).

// docNumberGaps returns the whitespace runs inside the 文号s of t, text
// folded as Fold folds it (every bracket of a 文号 is ( or )): between
// the issuer's abbreviation, a Chinese character, and the bracket of the
// year, inside the brackets round the year, between the year and the
// serial, after 第, and before the 号. A year in brackets with a serial
// after it is taken for a 文号 without its issuer too: what each gap is
// is read from the 文号 from its bracket on, so that a query word holding
// a part of the text is joined where the text is. Whitespace that holds
// a page break is no gap: pageCuts decides those.
func docNumberGaps(t string) []pageCut {
	var gaps []pageCut
	for off := 0; ; {
		k := strings.IndexByte(t[off:], '(')
		if k < 0 {
			return gaps
		}
		p := off + k
		off = p + 1
		gaps = appendDocNumberGaps(gaps, t, p)
	}
}

// appendDocNumberGaps appends to gaps those of the 文号 whose year's
// opening bracket is at p in t, when one is there.
func appendDocNumberGaps(gaps []pageCut, t string, p int) []pageCut {
	var found []pageCut
	gap := func(from, to int) {
		if from < to {
			found = append(found, pageCut{from: from, to: to})
		}
	}
	// The issuer is not asked for otherwise: a query word may start at
	// the bracket ("(2018) 12号"), and it must be joined as the text it
	// is a part of is.
	b := spaceBefore(t, p)
	if r, _ := utf8.DecodeLastRuneInString(t[:b]); unicode.Is(unicode.Han, r) {
		gap(b, p)
	}
	i := spaceAfter(t, p+1)
	gap(p+1, i)
	if n := digitsAt(t, i); n != 4 || !(strings.HasPrefix(t[i:], "19") || strings.HasPrefix(t[i:], "20")) {
		return gaps
	}
	j := spaceAfter(t, i+4)
	if j >= len(t) || t[j] != ')' {
		return gaps
	}
	gap(i+4, j)
	complete := len(found) // the issuer and its year
	i = j + 1
	j = spaceAfter(t, i)
	if strings.HasPrefix(t[j:], "第") {
		gap(i, j)
		i = j + len("第")
		j = spaceAfter(t, i)
	}
	n := digitsAt(t, j)
	if n == 0 || n > 4 {
		return append(gaps, found[:complete]...)
	}
	gap(i, j)
	complete = len(found)
	i = j + n
	j = spaceAfter(t, i)
	if strings.HasPrefix(t[j:], "号") {
		gap(i, j)
		complete = len(found)
	}
	return append(gaps, found[:complete]...)
}

// isGapSpace reports the whitespace a 文号 may hold inside: spaces, tabs
// and line breaks, not a page break.
func isGapSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// spaceAfter returns the offset of the first byte at or after i in t that
// is not a gap's whitespace.
func spaceAfter(t string, i int) int {
	for i < len(t) && isGapSpace(t[i]) {
		i++
	}
	return i
}

// spaceBefore returns the offset at which the run of a gap's whitespace
// that ends at i in t starts.
func spaceBefore(t string, i int) int {
	for i > 0 && isGapSpace(t[i-1]) {
		i--
	}
	return i
}

// digitsAt returns the number of ASCII digits in a row at i in t.
func digitsAt(t string, i int) int {
	n := 0
	for i+n < len(t) && '0' <= t[i+n] && t[i+n] <= '9' {
		n++
	}
	return n
}

// ngramCuts returns what the n-gram fields leave out of t, folded text:
// the page breaks inside a sentence (pageCuts), the whitespace inside a
// 文号 (docNumberGaps) and the whitespace after a clause mark (markGaps),
// in order. A gap that a page break's cut overlaps (a page number read
// for a 文号's serial) is the cut's, and a mark's gap that either
// overlaps is theirs.
func ngramCuts(t string) []pageCut {
	var cuts []pageCut
	if strings.IndexByte(t, pageBreak) >= 0 {
		cuts = pageCuts(t)
	}
	if strings.IndexByte(t, '(') >= 0 {
		cuts = withDocNumberGaps(t, cuts)
	}
	return mergeCuts(cuts, markGaps(t))
}

// withDocNumberGaps returns pages, the page cuts of t, with the gaps of
// its 文号s that none of them overlaps, in order.
func withDocNumberGaps(t string, pages []pageCut) []pageCut {
	cuts := pages
	for _, g := range docNumberGaps(t) {
		overlaps := false
		for _, c := range pages {
			overlaps = overlaps || g.from < c.to && c.from < g.to
		}
		if !overlaps {
			cuts = append(cuts, g)
		}
	}
	if len(pages) > 0 && len(cuts) > len(pages) {
		sort.Slice(cuts, func(i, j int) bool { return cuts[i].from < cuts[j].from })
	}
	return cuts
}

// dropDocNumberGaps returns s, a query word folded, without the
// whitespace inside its 文号s (queryDocNumberGaps), as the n-gram fields
// hold them.
func dropDocNumberGaps(s string) string {
	if strings.IndexByte(s, '(') < 0 && strings.IndexByte(s, ')') < 0 {
		return s
	}
	out, _ := joinCuts(s, queryDocNumberGaps(s))
	return out
}

// queryDocNumberGaps are docNumberGaps of a query word, which may start
// inside a 文号, after its year's opening bracket ("2018) 12号", of the
// text's 杭教发(2018) 12号): a year at the word's start closed by its
// bracket is read as the 文号 from that bracket on, so that the word is
// joined where the text it is a part of is. The text has the bracket, so
// its gaps are docNumberGaps' alone, and the index is unchanged.
func queryDocNumberGaps(s string) []pageCut {
	gaps := docNumberGaps(s)
	i := spaceAfter(s, 0)
	if n := digitsAt(s, i); n != 4 || !(strings.HasPrefix(s[i:], "19") || strings.HasPrefix(s[i:], "20")) {
		return gaps
	}
	if j := spaceAfter(s, i+4); j >= len(s) || s[j] != ')' {
		return gaps
	}
	var head []pageCut
	for _, g := range appendDocNumberGaps(nil, "("+s, 0) {
		// Offsets in s, one byte before those in "(" + s.
		if g.to > 1 {
			head = append(head, pageCut{from: max(g.from-1, 0), to: g.to - 1})
		}
	}
	return append(head, gaps...)
}

// JoinDocNumbers returns word without the whitespace inside its 文号s
// (queryDocNumberGaps), its characters otherwise as written, so that a
// 文号 typed with spaces (杭教发 〔2018〕 12 号, in quotes, or from after
// its opening bracket, 2018〕 12号) is searched in every form of the 文号
// typed without them (〔2018〕第12号 too).
func JoinDocNumbers(word string) string {
	if !strings.ContainsAny(word, " \t\n\u3000") || loadFolding() != nil {
		return word
	}
	f := Fold([]byte(word))
	if bytes.IndexByte(f.Text, '(') < 0 && bytes.IndexByte(f.Text, ')') < 0 {
		return word
	}
	gaps := queryDocNumberGaps(string(f.Text))
	if len(gaps) == 0 {
		return word
	}
	var b strings.Builder
	last := 0
	for _, g := range gaps {
		from := f.Orig(g.from)
		b.WriteString(word[last:from])
		last = f.Orig(g.to)
	}
	b.WriteString(word[last:])
	return b.String()
}
