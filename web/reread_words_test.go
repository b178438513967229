package web

import "testing"

// TestRereadWordsCountInEnglish: the admin page's 重新读取 counts say one
// document, one text in the singular, in English as elsewhere.
func TestRereadWordsCountInEnglish(t *testing.T) {
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"admin.reread.count", []any{1, 1, 0}, "1 document can be read again by newer readers (texts: 1, fields: 0)"},
		{"admin.reread.count", []any{2, 1, 1}, "2 documents can be read again by newer readers (texts: 1, fields: 1)"},
		{"admin.reread.unknown", []any{1}, "1 more document has no reader version on record; reading again checks it too"},
		{"admin.reread.unknown_only", []any{3}, "3 documents have no reader version on record; reading again checks them"},
		{"admin.reread.done", []any{1, 1, 0}, "Last run: 1 text extracted again, fields of 1 document read again, 0 of them changed (fields a person typed or edited stay)"},
		{"admin.reread.kept", []any{1}, "1 text older readers gave was kept (cited, or could not be read again)"},
		{"admin.reread.heads", []any{1, 2}, "Texts an older release stored: 1 read the same again and was given its head as written, titles taking back the document's full-width marks; 2 read differently now or could not be read again and were kept as they were"},
	} {
		if got := trf(English, tc.key, tc.args...); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.key, tc.args, got, tc.want)
		}
	}
}
