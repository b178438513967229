package fields

import (
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// Unfold gives a title read from the stored, normalised text back the
// full-width marks the document wrote: the pipeline folds （）：，； to
// ASCII before the fields are read (ingest/extract Normalize), and a
// title is shown as the document wrote it,
// 关于印发《杭州市学分银行管理办法（试行）》的通知, not …(试行)》的通知.
// head is the start of the document as written (ingest/extract
// Result.Head). Unfold finds the first span of head that folds to title
// — widths folded, radicals read as their ideographs, whitespace and
// invisible characters skipped, as Normalize does — and returns title
// with each of ，；：（）！？ the span writes in full width
// (catalog.IsFullwidthMark); other full-width characters, ２０１８．０６
// or －, stay as Normalize folds them, so a number reads as the text has
// it.
// Without such a span (no head: a text stored before heads were kept;
// a title the head does not hold) it returns title unchanged. Given
// more than one head, it unfolds from the first that holds the title.
func Unfold(title string, heads ...string) string {
	return unfold(title, catalog.IsFullwidthMark, heads)
}

// UnfoldDocNumber gives a 文号 as the stored text writes it
// (Field.Written) back the full-width brackets the document wrote,
// 杭教成（2017）15号 rather than the stored 杭教成(2017)15号, as Unfold
// gives a title its marks: from the first span of a head that folds to
// it. Its digits stay as the text is stored; without such a span it is
// returned unchanged.
func UnfoldDocNumber(written string, heads ...string) string {
	return unfold(written, isFullwidthBracket, heads)
}

// isFullwidthBracket reports the brackets of a 文号's year that the
// stored text folds to ASCII: （）［］.
func isFullwidthBracket(r rune) bool {
	switch r {
	case '\uFF08', '\uFF09', '\uFF3B', '\uFF3D': // （ ） ［ ］
		return true
	}
	return false
}

// unfold is Unfold taking back the characters keep reports.
func unfold(title string, keep func(rune) bool, heads []string) string {
	want := []rune(title)
	if len(want) == 0 {
		return title
	}
	for _, head := range heads {
		have := []rune(head)
		for start := range have {
			if catalog.FoldRune(have[start]) != want[0] {
				continue
			}
			if got, ok := unfoldAt(want, have[start:], keep); ok {
				return got
			}
		}
	}
	return title
}

// unfoldAt matches the title want against the start of have, rune by
// rune after folding; whitespace in have may stand anywhere, and a space
// of the title for any run of it (or none: Normalize removes the runs
// beside Chinese). It returns the title with have's characters keep
// reports and whether the whole title matched.
func unfoldAt(want, have []rune, keep func(rune) bool) (string, bool) {
	out := make([]rune, 0, len(want))
	j := 0
	for _, w := range want {
		for j < len(have) && skippable(have[j]) {
			j++
		}
		if w == ' ' {
			out = append(out, w)
			continue
		}
		if j == len(have) || catalog.FoldRune(have[j]) != w {
			return "", false
		}
		if keep(have[j]) {
			w = have[j]
		}
		out = append(out, w)
		j++
	}
	return string(out), true
}

// skippable reports what Normalize drops or joins away between two
// characters of a title: whitespace, control and invisible characters.
func skippable(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || catalog.IsInvisible(r)
}
