package fields

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// anchored is a pattern each of whose matches holds exactly one anchor (a
// rune of anchors) that starts at most before bytes after the match does,
// with the match ending at most after bytes from that anchor's start; the
// pattern has no ^, $ or \b. Such a pattern is matched only in a small
// window around each anchor, with what the regexp finds over the whole
// text: Go's regexp tries every position of a text with a pattern that
// opens with a character class, and reading the fields spent most of its
// time there (bench/README.md, ingest step 8).
type anchored struct {
	re            *regexp.Regexp
	anchors       string
	before, after int
	// needs, when set, is a string every match holds after its anchor:
	// an anchor without it in the after bytes from its start is passed
	// over without the regexp (most 年 of a text are no date's: 老年,
	// 年度; bench/README.md, ingest step 16).
	needs string
}

// findAll is re.FindAllStringSubmatchIndex(s, -1).
func (a anchored) findAll(s string) [][]int {
	var out [][]int
	a.each(s, func(m []int) bool {
		out = append(out, m)
		return true
	})
	return out
}

// match is re.MatchString(s).
func (a anchored) match(s string) bool {
	found := false
	a.each(s, func([]int) bool {
		found = true
		return false
	})
	return found
}

// each calls yield with the matches of s in order, as FindAll finds them
// (leftmost first, each search resuming at the previous match's end),
// until yield returns false. A window holds the only matches that can
// contain its anchor; the leftmost match in it contains the anchor when
// any does, because a match of an earlier anchor would have been found
// with that anchor and a later anchor's match starts after this anchor.
func (a anchored) each(s string, yield func([]int) bool) {
	var next anchorFinder
	next.init(a.anchors)
	prevEnd := 0
	for from := 0; from < len(s); {
		at := next.index(s, from)
		if at < 0 {
			return
		}
		_, size := utf8.DecodeRuneInString(s[at:])
		from = at + size
		lo, hi := max(prevEnd, at-a.before), min(len(s), at+a.after)
		if a.needs != "" && !strings.Contains(s[at:hi], a.needs) {
			continue
		}
		m := a.re.FindStringSubmatchIndex(s[lo:hi])
		if m == nil || lo+m[0] > at || lo+m[1] <= at {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += lo
			}
		}
		prevEnd = m[1]
		from = max(from, prevEnd)
		if !yield(m) {
			return
		}
	}
}

// anchorFinder finds the anchors of a text in order, each anchor's next
// place looked up by its bytes (strings.Index) and kept until passed.
// strings.IndexAny, which it replaces, decoded every character of the
// text and looked each up among the anchors; with several anchors that
// was most of reading a 文号 (bench/README.md, ingest step 31). Both find
// the same places: an anchor's first byte never continues a character,
// so its bytes in a text are that character, valid or not around it.
type anchorFinder struct {
	anchors [8]string
	next    [8]int // next[k] is where anchors[k] is at or after the last from, len(s) when nowhere
	n       int
	known   bool
}

// init takes the characters of anchors, at most eight.
func (f *anchorFinder) init(anchors string) {
	for i, r := range anchors {
		f.anchors[f.n] = anchors[i : i+utf8.RuneLen(r)]
		f.n++
	}
}

// index is the first place at or after from of an anchor in s, -1 when
// none is; from never goes back between calls on one s.
func (f *anchorFinder) index(s string, from int) int {
	first := len(s)
	for k := range f.n {
		if !f.known || f.next[k] < from {
			f.next[k] = len(s)
			if i := strings.Index(s[from:], f.anchors[k]); i >= 0 {
				f.next[k] = from + i
			}
		}
		first = min(first, f.next[k])
	}
	f.known = true
	if first == len(s) {
		return -1
	}
	return first
}
