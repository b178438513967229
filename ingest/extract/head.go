package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// Bounds of Result.Head: a 公文's masthead, 文号, title and addressees
// stand in its first lines; 4 KiB leaves room for the runs of spaces a
// PDF's layout puts between them.
const (
	maxHeadLines = 40
	maxHeadBytes = 4 << 10
	// maxHeadTitleBytes bounds the file's own title line, so that a long
	// property never pushes the page out of the head.
	maxHeadTitleBytes = 1 << 10
)

// headOf is Result.Head: the embedded title as written on a line of its
// own (at most maxHeadTitleBytes), then the first maxHeadLines lines (at
// most maxHeadBytes in all, cut at a whole character) of the first page
// that has more than whitespace, as the reader gave them; invalid UTF-8
// becomes U+FFFD, as Normalize makes it, so that the head stores as JSON.
// A page whose text is unreliable (sources, Result.PageSources: read by
// OCR with low confidence, or mojibake left as it was) is passed over by
// catalog.Untrusted, the rule by which the fields' reader passes it over
// (TrustedPages) and the document's status calls it unreliable: its marks
// are a guess. The page is cut to maxHeadBytes before its lines are
// split, so that a page of many megabytes on few lines is never copied.
func headOf(title string, pages, sources []string) string {
	var page string
	for i, p := range pages {
		if i < len(sources) && catalog.Untrusted(sources[i]) {
			continue
		}
		if strings.TrimFunc(p, unicode.IsSpace) != "" {
			page = p
			break
		}
	}
	var b strings.Builder
	if t := strings.TrimSpace(title); t != "" {
		// On one line: the title read from the pages is unfolded from
		// what follows it (ingest readFields).
		t = strings.Join(strings.FieldsFunc(cutBytes(t, maxHeadTitleBytes), isLineBreak), " ")
		b.WriteString(strings.ToValidUTF8(t, "\uFFFD"))
		b.WriteByte('\n')
	}
	page = cutBytes(strings.TrimLeftFunc(page, unicode.IsSpace), maxHeadBytes)
	lines := strings.SplitAfterN(page, "\n", maxHeadLines+1)
	if len(lines) > maxHeadLines {
		lines = lines[:maxHeadLines]
	}
	b.WriteString(strings.ToValidUTF8(strings.Join(lines, ""), "\uFFFD"))
	return strings.TrimRightFunc(cutBytes(b.String(), maxHeadBytes), unicode.IsSpace)
}

// cutBytes is s cut to at most n bytes at the start of a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isLineBreak reports a character that ends a line, as Normalize reads it.
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029
}
