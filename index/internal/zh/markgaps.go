package zh

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Whitespace after a clause mark. A sentence or clause that ends at the
// end of a line, or of a paragraph, is followed by the next one to a
// reader's eye: a PDF's line after 。 (which extract.Normalize keeps, so
// that the sentences stay apart for gse), a DOCX paragraph end (an empty
// line), 培训; 优化 as Word users type it. Someone who copies 1,200人。优化
// from a viewer, or types it from the paper, asks for text the document
// holds, and a page break there is no break to the n-gram fields either
// (pageCuts). So the n-gram fields leave such whitespace out, a blank
// line as well as a line break (a paragraph end in a DOCX and the same
// paragraph end in its PDF read alike), and a pair spans it (。优), as it
// spans a page break inside a sentence; a query word with whitespace
// there is searched without it (joinCJK). Nothing is found that was not
// adjacent: the query itself holds the mark, and with no mark between
// them a heading and the line under it (二、主要指标\n2023年) or two
// paragraphs stay apart.
//
// Whitespace is spanned only with a Chinese side (the mark, the character
// before it or the one after the whitespace, as pageCuts asks of a page
// break), so that Latin sentences keep the whitespace a query of them
// has ("end. next"), and not between a '.', ',' or ':' with a digit
// either side, which may be one number a line wrap parted (12.\n5万, 10:\n30)
// or a list of figures (1,200,\n300人), as the values read them. With a
// word before the mark no number is parted: a form's label and its value
// (参与人数：\n1,200人次) or a clause and a figure (覆盖社区，\n300个) are
// spanned as any other clause's end.

// isGapMark reports the marks, as folded, after which whitespace is
// spanned: those that end a sentence or a clause.
func isGapMark(r rune) bool {
	switch r {
	case '。', '、', '…', '.', ',', ';', ':', '!', '?':
		return true
	}
	return false
}

// spansMarkGap reports whether whitespace between mark, with before the
// character before it (-1 for none), and after, the character after
// the whitespace, is left out of the n-gram fields.
func spansMarkGap(before, mark, after rune) bool {
	if !isGapMark(mark) || after < 0 {
		return false
	}
	if (mark == '.' || mark == ',' || mark == ':') && isDigit(before) && isDigit(after) {
		return false
	}
	return mark >= utf8.RuneSelf || before >= utf8.RuneSelf || after >= utf8.RuneSelf
}

// isGapSpaceByte reports the whitespace a mark gap is made of: what
// extract.Normalize leaves (spaces, tabs, line breaks) and a stray CR.
// A page break is pageCuts' to join or not.
func isGapSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
}

// markGaps returns the whitespace runs of t, folded text, that follow a
// clause mark and are spanned (spansMarkGap), in order.
func markGaps(t string) []pageCut {
	var gaps []pageCut
	for off := 0; off < len(t); {
		k := strings.IndexAny(t[off:], " \t\n\r\v")
		if k < 0 {
			break
		}
		from := off + k
		to := from
		for to < len(t) && isGapSpaceByte(t[to]) {
			to++
		}
		off = to
		if to == len(t) || from == 0 {
			continue
		}
		mark, n := utf8.DecodeLastRuneInString(t[:from])
		before, _ := utf8.DecodeLastRuneInString(t[:from-n])
		if from-n == 0 {
			before = -1
		}
		after, _ := utf8.DecodeRuneInString(t[to:])
		if !unicode.IsSpace(after) && spansMarkGap(before, mark, after) {
			gaps = append(gaps, pageCut{from: from, to: to})
		}
	}
	return gaps
}

// mergeCuts returns the cuts of a and those of b that overlap none of a,
// in order; a and b are each in order.
func mergeCuts(a, b []pageCut) []pageCut {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]pageCut, 0, len(a)+len(b))
	i := 0
	for _, c := range b {
		for i < len(a) && a[i].to <= c.from {
			out = append(out, a[i])
			i++
		}
		if i < len(a) && a[i].from < c.to {
			continue // a's, which starts before c ends
		}
		out = append(out, c)
	}
	return append(out, a[i:]...)
}
