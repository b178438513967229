package search

import (
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// showDocNumber returns frags with d's own 文号 written in their text as
// its field and the hit's doc_number show it (catalog.ShowDocNumber): a
// fragment's text gives a bracketed year 〔〕, as OCR reads a paper's
// 〔〕, while a text that writes 杭教成[2017]15号 shows that in its field.
// The words of a 文号 may lie in several marks; the marks stay where they
// are. frags, which the fragment cache may share, is never changed.
func showDocNumber(frags []Fragment, d *catalog.Document) []Fragment {
	from, to := catalog.DocNumberForm(d.DocNumber), catalog.DocNumberAsWritten(d)
	if d.DocNumber == "" || from == to || utf8.RuneCountInString(from) != utf8.RuneCountInString(to) {
		return frags
	}
	out := make([]Fragment, len(frags))
	for i, f := range frags {
		f.HTML = replaceInText(f.HTML, from, to)
		out[i] = f
	}
	return out
}

// replaceInText replaces, in the text of an HTML fragment, each run of
// characters spelling from with to, rune for rune, looking through tags
// (<mark>, </mark>) between them; an entity (&amp;) never matches.
func replaceInText(html, from, to string) string {
	if !strings.ContainsRune(html, []rune(from)[0]) {
		return html
	}
	rs := []rune(html)
	want, put := []rune(from), []rune(to)
	// text is the positions in rs of the fragment's characters, tags and
	// entities left out; an entity stands as -1, matching nothing.
	var text []int
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '<':
			for i < len(rs) && rs[i] != '>' {
				i++
			}
		case '&':
			for i < len(rs) && rs[i] != ';' {
				i++
			}
			text = append(text, -1)
		default:
			text = append(text, i)
		}
	}
	for start := 0; start+len(want) <= len(text); start++ {
		match := true
		for k, r := range want {
			if text[start+k] < 0 || rs[text[start+k]] != r {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		for k, r := range put {
			rs[text[start+k]] = r
		}
		start += len(want) - 1
	}
	return string(rs)
}
