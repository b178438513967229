package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of Result.Head: a 公文's masthead, 文号, title and addressees
// stand in its first lines; 4 KiB leaves room for the runs of spaces a
// PDF's layout puts between them.
const (
	maxHeadLines = 40
	maxHeadBytes = 4 << 10
)

// headOf is Result.Head: the embedded title as written on a line of its
// own, then the first maxHeadLines lines (at most maxHeadBytes, cut at a
// whole character) of the first page that has more than whitespace, as
// the reader gave them; invalid UTF-8 becomes U+FFFD, as Normalize makes
// it, so that the head stores as JSON.
func headOf(title string, pages []string) string {
	var page string
	for _, p := range pages {
		if strings.TrimFunc(p, unicode.IsSpace) != "" {
			page = p
			break
		}
	}
	var b strings.Builder
	if t := strings.TrimSpace(title); t != "" {
		// On one line: the title read from the pages is unfolded from
		// what follows it (ingest readFields).
		t = strings.Join(strings.FieldsFunc(t, isLineBreak), " ")
		b.WriteString(strings.ToValidUTF8(t, "\uFFFD"))
		b.WriteByte('\n')
	}
	lines := strings.SplitAfterN(strings.TrimLeftFunc(page, unicode.IsSpace), "\n", maxHeadLines+1)
	if len(lines) > maxHeadLines {
		lines = lines[:maxHeadLines]
	}
	b.WriteString(strings.ToValidUTF8(strings.Join(lines, ""), "\uFFFD"))
	head := b.String()
	if n := maxHeadBytes; len(head) > n {
		for n > 0 && !utf8.RuneStart(head[n]) {
			n--
		}
		head = head[:n]
	}
	return strings.TrimRightFunc(head, unicode.IsSpace)
}

// isLineBreak reports a character that ends a line, as Normalize reads it.
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029
}
