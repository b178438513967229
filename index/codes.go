package index

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/width"
)

// A code is written with its letters and number joined or apart (ISO9001,
// ISO 9001; GB/T28827, GB/T 28827): documents write both, and the index
// holds them differently (the joined code at one position and the parted
// code at two; a standard's number joined to its T as one Latin word), so
// neither finds the other by its phrase or its substring. A code is two or
// more letters then more digits than letters (the pattern the index cuts a
// code by: zh's appendLatinParts), or a standard's prefix with its slash
// (GB/T, JY/T, DB33/T) then three digits or more.
var (
	codeJoined = regexp.MustCompile(`(^|[^A-Za-z0-9/])([A-Za-z]{1,4}[0-9]{0,2}/[A-Za-z]{1,2}|[A-Za-z]{2,})()([0-9]+)`)
	codeApart  = regexp.MustCompile(`(^|[^A-Za-z0-9/])([A-Za-z]{1,4}[0-9]{0,2}/[A-Za-z]{1,2}|[A-Za-z]{2,})( +)([0-9]+)`)
)

// codeForms returns word and, when it holds a code, the word with every
// such code written the other way: apart when typed joined, joined when
// typed apart.
func codeForms(word string) []string {
	w := width.Fold.String(word)
	forms := []string{word}
	for _, f := range []string{
		rewriteCodes(w, codeJoined, "$1$2 $4"),
		rewriteCodes(w, codeApart, "$1$2$4"),
	} {
		if f != w && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// rewriteCodes replaces the codes re finds in w (ISO9001, GB/T 28827; not
// MP3 or No12), a part's number after them included (GB/T 28827.1: after
// a code a point starts a part, codePartForm).
func rewriteCodes(w string, re *regexp.Regexp, repl string) string {
	var out []byte
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(w, -1) {
		prefix, digits := w[m[4]:m[5]], m[9]-m[8]
		if strings.Contains(prefix, "/") && digits < 3 || !strings.Contains(prefix, "/") && digits <= len(prefix) ||
			m[1] < len(w) && isASCIIDigit(w[m[1]]) {
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

// codeAtEnd is a code whose number ends the word (GB/T 28827, ISO9001),
// as codeJoined and codeApart find codes.
// Only a standard's prefix counts (GB/T, DB33/T, GB, ISO, …): after any
// other Latin word a point may start a fraction (GDP 12345.6亿元, TOP
// 1000.5), which a search for GDP 12345 must not find.
var codeAtEnd = regexp.MustCompile(`(?:^|[^A-Za-z0-9/])([A-Za-z]{1,4}[0-9]{0,2}/[A-Za-z]{1,2}|(?i:GB|GBT|GBZ|GJB|JGJ|CJJ|JB|JY|JT|HJ|DL|SL|WS|YY|ISO|IEC)) *([0-9]+)$`)

// codePartForm returns form with a point after it, and true, when form
// ends with a code's number: GB/T 28827. is in GB/T 28827.1, a part of
// the standard, which the word itself is not found in, as a number is
// never cut out of a longer one (28827 is no number of its own in
// 28827.1, nor 342 in 1342). After a code the point starts the number of
// a part, never a fraction, so the code's parts are searched by the form
// with the point (partSubstring); no other number is.
func codePartForm(form string) (string, bool) {
	m := codeAtEnd.FindStringSubmatch(width.Fold.String(form))
	if m == nil {
		return "", false
	}
	prefix, digits := m[1], len(m[2])
	if strings.Contains(prefix, "/") && digits < 3 || !strings.Contains(prefix, "/") && digits <= len(prefix) {
		return "", false
	}
	return form + ".", true
}

// partSubstring returns the substring a form of codePartForm is searched
// by, its point kept (SubstringText drops punctuation at a word's end),
// and true; false for any other form.
func partSubstring(form string) (string, bool) {
	f := width.Fold.String(form)
	if !strings.HasSuffix(f, ".") {
		return "", false
	}
	if _, ok := codePartForm(strings.TrimSuffix(f, ".")); !ok {
		return "", false
	}
	return strings.ToLower(f), true
}

// docNumberBare is a 文号 typed without the brackets round its year, as
// people type one into a search box: the issuer's abbreviation and the
// year (甬政发2015), or with 年 or 第 and the serial after it
// (甬政发2015年58号, 甬政发2015第58号).
var docNumberBare = regexp.MustCompile(`^(\p{Han}{1,8}?)((?:19|20)[0-9]{2})(?:[年第]第?([0-9]{1,4})号)?$`)

// docNumberForms returns the 文号 in word written as documents have it,
// with its year in brackets (folded to ASCII round ones, as the index
// holds every kind: 甬政发(2015), 甬政发(2015)58号), or nothing when word
// is no bare 文号.
func docNumberForms(word string) []string {
	m := docNumberBare.FindStringSubmatch(width.Fold.String(word))
	if m == nil || strings.HasSuffix(m[1], "年") {
		return nil
	}
	form := m[1] + "(" + m[2] + ")"
	if m[3] != "" {
		form += m[3] + "号"
	}
	return []string{form}
}

// docNumberSerial is the year in brackets and the serial of a 文号, with or
// without 第 before the serial (〔2015〕58号, 〔2015〕第58号), in any of the
// brackets documents and keyboards have (the index folds them).
var docNumberSerial = regexp.MustCompile(`([(\[\x{3014}\x{3010}\x{3016}](?:19|20)[0-9]{2}[)\]\x{3015}\x{3011}\x{3017}])(第?)([0-9]{1,4}号)`)

// docNumberSerialForm returns word with the 第 before the serial of its
// 文号 added when it has none and removed when it has one, and true; or
// false when word holds no 文号. Most documents write 甬政发〔2015〕58号,
// as the 公文 standard has it, some 甬政发〔2015〕第58号, and an expert
// types the one on the paper in hand: it is the same 文号.
func docNumberSerialForm(word string) (string, bool) {
	w := width.Fold.String(word)
	if !docNumberSerial.MatchString(w) {
		return "", false
	}
	return docNumberSerial.ReplaceAllStringFunc(w, func(m string) string {
		sm := docNumberSerial.FindStringSubmatch(m)
		if sm[2] == "" {
			return sm[1] + "第" + sm[3]
		}
		return sm[1] + sm[3]
	}), true
}

// docNumberEnd is a 文号's bracketed year and serial at the end of a word,
// with its 号 or without (杭教发〔2018〕125号, 杭教发(2018]125), in any of
// the brackets documents, keyboards and OCR have.
var docNumberEnd = regexp.MustCompile(`^(.*[(\[\x{3014}\x{3010}\x{3016}\x{FF08}](?:19|20)[0-9]{2}[)\]\x{3015}\x{3011}\x{3017}\x{FF09}])(第?[0-9]{1,4})(号?)$`)

// docNumberReadForms returns the 文号 in word without its 号, as OCR
// reads it off a scan (杭教发〔2018〕125 for 杭教发〔2018〕125号: OCR drops
// the 号 or reads it as a digit; the serial's edge mark keeps 125 from
// 1250), or nothing when word does not end with a 文号's year, serial and
// 号. The brackets need no forms: the index folds them all to ( and ).
// A space OCR sets inside a 文号 (杭教发（2018] 125) needs none either:
// the n-gram fields leave it out (zh.docNumberGaps), where a phrase
// across whitespace would read the whitespace token's positions in every
// document that has the 文号's pairs, 25 times the cost of the search
// (bench/README.md).
func docNumberReadForms(word string) []string {
	m := docNumberEnd.FindStringSubmatch(word)
	if m == nil {
		return nil
	}
	if m[3] == "" {
		return nil
	}
	return []string{m[1] + m[2]}
}
