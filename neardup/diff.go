package neardup

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what a diff line is.
type Op int8

// The kinds of diff line.
const (
	Equal  Op = iota // in both texts
	Delete           // only in the first
	Insert           // only in the second
	Skip             // a run of equal sentences left out (Collapse)
)

// Part is a stretch of a diff line's text; Changed marks the characters a
// changed sentence lost (in a Delete line) or gained (in an Insert line).
type Part struct {
	Text    string
	Changed bool
}

// Line is one sentence of a diff, or, for Skip, Skipped equal sentences.
type Line struct {
	Op      Op
	Parts   []Part
	Skipped int
}

// Diff compares two texts sentence by sentence, the way a reader compares
// a draft with its final: sentences end at 。！？； (and . ! ? ; outside
// numbers), line breaks and spaces are layout, and two sentences are equal
// when their normalised text is (so a scan's punctuation and spacing do not
// show as changes). A sentence changed in place comes as a Delete line and
// an Insert line whose Parts mark the characters that differ.
func Diff(a, b string) []Line {
	sa, sb := sentences(a), sentences(b)
	ra, rb := encode(sa, sb)
	dmp := diffmatchpatch.New()
	var out []Line
	ia, ib := 0, 0
	var dels, ins []string
	flush := func() {
		n := min(len(dels), len(ins))
		for i := range n {
			d, in := changedParts(dmp, dels[i], ins[i])
			out = append(out, Line{Op: Delete, Parts: d}, Line{Op: Insert, Parts: in})
		}
		for _, s := range dels[n:] {
			out = append(out, Line{Op: Delete, Parts: []Part{{Text: s, Changed: true}}})
		}
		for _, s := range ins[n:] {
			out = append(out, Line{Op: Insert, Parts: []Part{{Text: s, Changed: true}}})
		}
		dels, ins = dels[:0], ins[:0]
	}
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			for _, s := range sb[ib : ib+n] {
				out = append(out, Line{Op: Equal, Parts: []Part{{Text: s.text}}})
			}
			ia, ib = ia+n, ib+n
		case diffmatchpatch.DiffDelete:
			for _, s := range sa[ia : ia+n] {
				dels = append(dels, s.text)
			}
			ia += n
		case diffmatchpatch.DiffInsert:
			for _, s := range sb[ib : ib+n] {
				ins = append(ins, s.text)
			}
			ib += n
		}
	}
	flush()
	return out
}

// Collapse leaves out runs of equal lines longer than 2*context+1, keeping
// context lines on each side of every change.
func Collapse(lines []Line, context int) []Line {
	var out []Line
	for i := 0; i < len(lines); {
		if lines[i].Op != Equal {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j].Op == Equal {
			j++
		}
		head, tail := context, context
		if i == 0 {
			head = 0
		}
		if j == len(lines) {
			tail = 0
		}
		if j-i <= head+tail+1 {
			out = append(out, lines[i:j]...)
		} else {
			out = append(out, lines[i:i+head]...)
			out = append(out, Line{Op: Skip, Skipped: j - i - head - tail})
			out = append(out, lines[j-tail:j]...)
		}
		i = j
	}
	return out
}

type sentence struct {
	text string // as written, spaces and line breaks removed
	key  string // normalised, for comparing
}

// sentences cuts a text at sentence ends, dropping layout and sentences
// with nothing to compare (a page number alone keeps its digits).
func sentences(text string) []sentence {
	var out []sentence
	var cur strings.Builder
	rs := []rune(text)
	end := func() {
		t := cur.String()
		cur.Reset()
		if key := string(Normalize(t)); key != "" {
			out = append(out, sentence{text: t, key: key})
		}
	}
	for i, r := range rs {
		if unicode.IsSpace(r) {
			continue
		}
		cur.WriteRune(r)
		switch r {
		case '。', '！', '？', '；':
			end()
		case '.', '!', '?', ';':
			if i+1 >= len(rs) || !unicode.IsDigit(rs[i+1]) || i == 0 || !unicode.IsDigit(rs[i-1]) {
				end()
			}
		}
	}
	end()
	return out
}

// encode maps each distinct sentence to one rune, so the diff of two
// sentence lists is the diff of two rune strings. Surrogate code points
// are skipped: they do not survive the library's string conversions.
func encode(a, b []sentence) ([]rune, []rune) {
	ids := map[string]rune{}
	conv := func(ss []sentence) []rune {
		out := make([]rune, len(ss))
		for i, s := range ss {
			r, ok := ids[s.key]
			if !ok {
				r = rune(len(ids) + 1)
				if r >= 0xD800 {
					r += 0x800
				}
				ids[s.key] = r
			}
			out[i] = r
		}
		return out
	}
	return conv(a), conv(b)
}

// changedParts marks the characters two versions of a sentence differ in.
func changedParts(dmp *diffmatchpatch.DiffMatchPatch, old, new string) (del, ins []Part) {
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMain(old, new, false))
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			del = append(del, Part{Text: d.Text})
			ins = append(ins, Part{Text: d.Text})
		case diffmatchpatch.DiffDelete:
			del = append(del, Part{Text: d.Text, Changed: true})
		case diffmatchpatch.DiffInsert:
			ins = append(ins, Part{Text: d.Text, Changed: true})
		}
	}
	return del, ins
}
