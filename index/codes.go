package index

import (
	"regexp"
	"slices"

	"golang.org/x/text/width"
)

// A code is written with its letters and number joined or apart (ISO9001,
// ISO 9001): documents write both,
// and the index holds the joined code at one position and the parted code
// at two, so neither phrase finds the other. The pattern is the one the
// index cuts a code by (zh's appendLatinParts): two or more letters, then
// more digits than letters.
var (
	codeJoined = regexp.MustCompile(`(^|[^A-Za-z])([A-Za-z]{2,})([0-9]+)`)
	codeApart  = regexp.MustCompile(`(^|[^A-Za-z])([A-Za-z]{2,}) +([0-9]+)`)
)

// codeForms returns word and, when it holds a code, the word with every
// such code written the other way: apart when typed joined, joined when
// typed apart.
func codeForms(word string) []string {
	w := width.Fold.String(word)
	forms := []string{word}
	for _, f := range []string{
		rewriteCodes(w, codeJoined, "$1$2 $3"),
		rewriteCodes(w, codeApart, "$1$2$3"),
	} {
		if f != w && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// rewriteCodes replaces the codes re finds in w whose number has more
// digits than the code has letters (ISO9001, not MP3 or No12) and whose
// number ends there (not the 12 of AB12.5).
func rewriteCodes(w string, re *regexp.Regexp, repl string) string {
	var out []byte
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(w, -1) {
		letters, digits := m[5]-m[4], m[7]-m[6]
		if digits <= letters || m[1] < len(w) && (isASCIIDigit(w[m[1]]) || w[m[1]] == '.') {
			continue
		}
		out = append(out, w[last:m[0]]...)
		out = re.ExpandString(out, repl, w, m)
		last = m[1]
	}
	if last == 0 {
		return w
	}
	return string(append(out, w[last:]...))
}
