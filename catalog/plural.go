package catalog

import (
	"reflect"
	"regexp"
	"strings"
)

// An English message names a counted thing in both its forms, one and
// other, after the count: "%d {result|results}", "%d {file|files}: %d
// stored, %d {duplicate|duplicates}, %d failed", "“%s” has %d
// {page|pages}". ChooseForms writes the form the count before it asks for
// ("1 result", "2 results", "0 results"): EnglishOf for the messages of
// errors and the command line, the web UI's trf for its words. OtherForms,
// for a message given as a format (fmt.Sprintf, the scripts' data
// attributes), writes every choice in its other form, so such a format
// reads as it did before it had choices.

// choice is one choice of forms in a message.
var choice = regexp.MustCompile(`\{([^{}|]*)\|([^{}|]*)\}`)

// OtherForms writes every choice of s in its other form.
func OtherForms(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return choice.ReplaceAllString(s, "$2")
}

// ChooseForms writes each choice of format in the form its count asks
// for: the one form after a verb whose argument is 1, else the other.
func ChooseForms(format string, args []any) string {
	if !strings.Contains(format, "{") {
		return format
	}
	var b strings.Builder
	last := -1 // the argument of the last verb
	verbs := 0
	for i := 0; i < len(format); {
		switch c := format[i]; {
		case c == '%' && i+1 < len(format) && format[i+1] == '%':
			b.WriteString("%%")
			i += 2
		case c == '%':
			j := i + 1
			for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
				j++
			}
			j = min(j+1, len(format))
			b.WriteString(format[i:j])
			last, verbs, i = verbs, verbs+1, j
		case c == '{':
			m := choice.FindStringSubmatchIndex(format[i:])
			if m == nil || m[0] != 0 {
				b.WriteByte(c)
				i++
				continue
			}
			form := format[i+m[4] : i+m[5]]
			if last >= 0 && last < len(args) && isOne(args[last]) {
				form = format[i+m[2] : i+m[3]]
			}
			b.WriteString(form)
			i += m[1]
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// isOne reports whether v is the integer 1.
func isOne(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.CanInt() && rv.Int() == 1 || rv.CanUint() && rv.Uint() == 1
}
