package claims

import (
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// StatementChange is what an edit of a claim did to its statement, as
// its history shows it: the statement before and after.
type StatementChange struct {
	Before, After string
}

// StatementChanges are the changes of statement of the events of a
// claim's history (oldest first, as View.History), by event ID: each
// event that recorded a statement (claim.create, claim.edit, claim.cite,
// claim.uncite record the claim's statement as saved) unlike the one
// recorded before it. The audit log holds every statement, so a reviewer
// re-reading a claim sent back sees what its city changed, the old text
// gone from the claim itself.
func StatementChanges(history []catalog.Event) map[int64]StatementChange {
	out := map[int64]StatementChange{}
	last, known := "", false
	for _, e := range history {
		st, ok := e.Detail["statement"].(string)
		if !ok {
			continue
		}
		if known && st != last {
			out[e.ID] = StatementChange{Before: last, After: st}
		}
		last, known = st, true
	}
	return out
}

// DiffOp says what a DiffPart of a compared text is.
type DiffOp int

// The parts of a diff: kept, removed from the old text, added in the new.
const (
	DiffSame DiffOp = iota
	DiffDeleted
	DiffInserted
)

// DiffPart is a run of characters of a diff.
type DiffPart struct {
	Op   DiffOp
	Text string
}

// maxDiffCells bounds the table a diff of the two texts' middles (their
// common start and end aside) is worked out in; longer middles are shown
// as all removed and all added, which is still right, only coarser.
const maxDiffCells = 400 * 400

// Diff is the character diff of before and after: the runs kept, removed
// and added, in order, each run as long as it can be (a longest common
// subsequence of characters).
func Diff(before, after string) []DiffPart {
	a, b := []rune(before), []rune(after)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var parts []DiffPart
	add := func(op DiffOp, r ...rune) {
		if len(r) == 0 {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].Op == op {
			parts[n-1].Text += string(r)
			return
		}
		parts = append(parts, DiffPart{op, string(r)})
	}
	add(DiffSame, a[:pre]...)
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > maxDiffCells {
		add(DiffDeleted, ma...)
		add(DiffInserted, mb...)
	} else {
		for _, p := range middleDiff(ma, mb) {
			add(p.Op, []rune(p.Text)...)
		}
	}
	add(DiffSame, a[len(a)-suf:]...)
	return parts
}

// middleDiff diffs a and b by the longest common subsequence, one part
// a character.
func middleDiff(a, b []rune) []DiffPart {
	// lcs(i, j) is the length of the longest common subsequence of a[i:]
	// and b[j:], in one table of int32 (a quarter of the memory of rows
	// of int: it is made on each view of a history with a long change).
	w := len(b) + 1
	table := make([]int32, (len(a)+1)*w)
	lcs := func(i, j int) int32 { return table[i*w+j] }
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				table[i*w+j] = lcs(i+1, j+1) + 1
			} else {
				table[i*w+j] = max(lcs(i+1, j), lcs(i, j+1))
			}
		}
	}
	var out []DiffPart
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, DiffPart{DiffSame, string(a[i])})
			i, j = i+1, j+1
		// What was removed is said before what took its place.
		case i < len(a) && (j == len(b) || lcs(i+1, j) >= lcs(i, j+1)):
			out = append(out, DiffPart{DiffDeleted, string(a[i])})
			i++
		default:
			out = append(out, DiffPart{DiffInserted, string(b[j])})
			j++
		}
	}
	return slices.Clip(out)
}
