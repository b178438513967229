package catalog

import "unicode"

// HiddenRune is the first character of s that a reader cannot see and
// that changes what is shown: a control character (NUL, DEL, ESC …) or a
// bidirectional embedding, override or isolate (U+202A–U+202E,
// U+2066–U+2069), which turns the text after it around, so a name
// ending in U+202E shows the words after it backwards, or a bidi mark
// (U+200E, U+200F, U+061C), which moves the brackets and digits next to
// it: “（2023）” after U+200F shows turned. Line breaks and
// tabs count as visible when lines is true (a note's body has lines, a
// name has none).
func HiddenRune(s string, lines bool) (rune, bool) {
	for _, r := range s {
		switch {
		case lines && (r == '\n' || r == '\r' || r == '\t'):
		case unicode.IsControl(r), r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069,
			r == 0x200E, r == 0x200F, r == 0x061C:
			return r, true
		}
	}
	return 0, false
}

// RefuseHidden is the EINVALID error on field when s holds a character
// HiddenRune finds (lines as there), what naming the text in the
// message; nil when it holds none. Free text a user types is checked
// with it where it is saved, so that the API and the pages refuse alike.
func RefuseHidden(field string, what Words, s string, lines bool) error {
	r, ok := HiddenRune(s, lines)
	if !ok {
		return nil
	}
	return FieldErrorf(field, EINVALID, "%s含有看不见的字符 %q；请删去后再保存", what, string(r))
}

// ReviewComment names a reviewer's comment (审核意见) in RefuseHidden's
// message.
var ReviewComment = Words{Chinese: "审核意见", English: "review comment"}
