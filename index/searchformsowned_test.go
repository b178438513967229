package index

import (
	"slices"
	"testing"
)

// A caller that writes into the forms it was given must not change what
// later searches of the same word are searched by.
func TestSearchFormsAreTheCallersOwn(t *testing.T) {
	const word = "12000人"
	first := SearchForms(word)
	if len(first) < 2 {
		t.Fatalf("SearchForms(%q) = %q, want the word and its 万 form", word, first)
	}
	want := append([]string(nil), first...)
	for i := range first {
		first[i] = "学分银行"
	}
	if got := SearchForms(word); !slices.Equal(got, want) {
		t.Fatalf("after a caller wrote into its forms, SearchForms(%q) = %q, want %q", word, got, want)
	}
}
