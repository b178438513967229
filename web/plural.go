package web

import (
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// An English message names a counted thing in both its forms, one and
// other, after the count: "%d {result|results}" (catalog.ChooseForms says
// how). trf writes the form the count before it asks for; tr, which gives
// a message as a format for fmt.Sprintf and for the scripts' data
// attributes, writes every choice in its other form (catalog.OtherForms).

// otherForms writes every choice of s in its other form.
func otherForms(s string) string { return catalog.OtherForms(s) }

// trf is the message key in lang formatted with args, each choice of
// forms made by the count of the verb before it.
func trf(lang Lang, key string, args ...any) string {
	return fmt.Sprintf(catalog.ChooseForms(message(lang, key), args), args...)
}
