package search

import "github.com/lcmonitor/evidence/index"

// clauseFinder finds the places of several clauses (a passage's, each of
// at least two bytes) in one pass over a text, where looking for each in
// turn reads the text once a clause: each byte is looked up, with the
// next, in a table of the clauses' first two bytes, and a clause is
// compared only where its first two are.
type clauseFinder struct {
	clauses []string
	// first holds a bit for the first two bytes of each clause; byFirst
	// the clauses (their indexes) that begin with them.
	first   [1 << 16 / 64]uint64
	byFirst map[uint16][]int
}

// newClauseFinder returns a finder of clauses; those shorter than two
// bytes are never found.
func newClauseFinder(clauses []string) *clauseFinder {
	f := &clauseFinder{clauses: clauses, byFirst: map[uint16][]int{}}
	for i, c := range clauses {
		if len(c) < 2 {
			continue
		}
		k := uint16(c[0])<<8 | uint16(c[1])
		f.first[k/64] |= 1 << (k % 64)
		f.byFirst[k] = append(f.byFirst[k], i)
	}
	return f
}

// appendPlaces appends to out, as spans of page, every place of
// text[lo:hi] that holds a clause: for each clause, from left to right,
// the places it holds the clause apart from the place before (a clause
// found at 10 to 22 is next looked for from 22), as looking for it again
// and again with strings.Index from lo finds them.
func (f *clauseFinder) appendPlaces(out []index.Span, page int, text string, lo, hi int) []index.Span {
	next := make([]int, len(f.clauses)) // where each clause's next place may start
	for i := lo; i+1 < hi; i++ {
		k := uint16(text[i])<<8 | uint16(text[i+1])
		if f.first[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, c := range f.byFirst[k] {
			clause := f.clauses[c]
			if i >= next[c] && i+len(clause) <= hi && text[i:i+len(clause)] == clause {
				out = append(out, index.Span{Page: page, Start: i, End: i + len(clause)})
				next[c] = i + len(clause)
			}
		}
	}
	return out
}
