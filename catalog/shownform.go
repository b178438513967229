package catalog

import (
	"strings"
	"unicode/utf8"
)

// ShownForm is a document's extracted text as it is shown — in search
// fragments, on the document page, in a claim's passages and quotes —
// from the form it is stored and searched in, rune for rune (offsets of
// the stored text find their place in it). It is Fullwidth, with a mark
// judged by the Chinese beyond the spaces beside it too: OCR sets a
// space between a Chinese character and the mark after or before it
// (单位 :, 85%, 建成, 10号 )), which a document typed never does. Square
// brackets beside or around Chinese become full-width as well: around a
// year after a Chinese name, the brackets of a 文号 (教职成 [2014] 10号 →
// 教职成 〔2014〕 10号), which OCR reads as [ ]; others ［ ］. The stored
// text keeps the ASCII forms, so searching finds either. A text with
// nothing to change is returned as it is.
func ShownForm(s string) string {
	if !strings.ContainsAny(s, ",;:()!?[") {
		return s
	}
	s = validRunes(s)
	var buf [64]shownMark
	return shownRange(s, findShownMarks(s, true, true, buf[:0]), 0, len(s))
}

// fullwidth is Fullwidth; throughSpaces looks past the spaces and tabs
// beside a mark for its Chinese neighbour (ShownForm).
func fullwidth(s string, throughSpaces bool) string {
	if !strings.ContainsAny(s, ",;:()!?") {
		return s
	}
	s = validRunes(s)
	var buf [64]shownMark
	return shownRange(s, findShownMarks(s, throughSpaces, false, buf[:0]), 0, len(s))
}

// validRunes is s with each byte that is not UTF-8 written U+FFFD, as a
// conversion to runes writes it, so that the shown form keeps one rune
// for each rune of the text as ShownText counts them; s itself when it
// is valid, as extracted text is.
func validRunes(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

// fullwidthContext is how far around a range fullwidthIn looks for the
// neighbours and the other half of a parenthesis of its punctuation.
const fullwidthContext = 256

// fullwidthIn is Fullwidth of text[start:end] as it reads inside text: a
// mark at the edge of the range is written by its neighbour outside it,
// and a parenthesis by its pair up to fullwidthContext bytes away. The
// extracted text is stored with its punctuation folded to ASCII, so that
// offsets and searches do not depend on width; it is shown, in pieces
// between highlights, as the document wrote it ("同意，现就"). start and
// end must be rune boundaries. Only the range is written: the text
// around it is read, never copied.
func fullwidthIn(text string, start, end int) string {
	piece := text[start:end]
	if !strings.ContainsAny(piece, ",;:()!?[]") {
		return piece
	}
	from := max(0, start-fullwidthContext)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	to := min(len(text), end+fullwidthContext)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	around := text[from:to]
	if !utf8.ValidString(around) {
		// Bytes that are not UTF-8 are shown as U+FFFD, three bytes
		// each: the range is found again by counting runes.
		shown := []rune(ShownForm(around))
		at := utf8.RuneCountInString(text[from:start])
		return string(shown[at : at+utf8.RuneCountInString(piece)])
	}
	var buf [64]shownMark
	return shownRange(around, findShownMarks(around, true, true, buf[:0]), start-from, end-from)
}

// ShownText cuts text[start:end], its punctuation made full-width once
// (fullwidthIn), into pieces at offsets of text: the stretches between
// highlights of a fragment or a page.
type ShownText struct {
	text, shown string
	at, shownAt int  // the next piece starts here in text and in shown
	same        bool // shown is text[start:end], byte for byte
}

// NewShownText is text[start:end] to be cut into pieces from start.
func NewShownText(text string, start, end int) *ShownText {
	shown := fullwidthIn(text, start, end)
	// Each rune the shown form changes takes more bytes than it had, so
	// a shown form of the same length is the text itself.
	return &ShownText{text: text, shown: shown, at: start, same: len(shown) == end-start}
}

// Next returns the piece from the end of the last one (or the start) to
// end, an offset of text at a rune boundary, no less than the last.
func (s *ShownText) Next(end int) string {
	from := s.shownAt
	if s.same {
		if end > s.at {
			s.shownAt = min(len(s.shown), s.shownAt+end-s.at)
			s.at = end
		}
		return s.shown[from:s.shownAt]
	}
	// The shown text has the same runes one for one, so the piece ends
	// after as many runes as text[at:end] has.
	for s.at < end {
		if s.shownAt < len(s.shown) && s.text[s.at] < utf8.RuneSelf && s.shown[s.shownAt] < utf8.RuneSelf {
			s.at, s.shownAt = s.at+1, s.shownAt+1
			continue
		}
		_, n := utf8.DecodeRuneInString(s.text[s.at:])
		_, m := utf8.DecodeRuneInString(s.shown[s.shownAt:])
		s.at, s.shownAt = s.at+n, s.shownAt+m
	}
	return s.shown[from:s.shownAt]
}

// ShowDocNumber is shown, a document's text as ShownForm shows it, with
// the document's own 文号 (number, in DocNumberForm) written as its
// 文号 field shows it (written, DocNumberAsWritten) wherever the text
// shows number: ShownForm gives a year in square brackets 〔〕, as OCR
// reads the paper's 〔〕, while a text that writes 杭教成[2017]15号 has
// it so in its field, and its page must not say otherwise. Rune for
// rune: a written form of another length is left alone.
func ShowDocNumber(shown, number, written string) string {
	if number == "" || written == "" {
		return shown
	}
	from := DocNumberForm(number)
	if from == written || utf8.RuneCountInString(from) != utf8.RuneCountInString(written) {
		return shown
	}
	return strings.ReplaceAll(shown, from, written)
}

// ShowDocNumber is ShowDocNumber of the text s cuts, before any piece of
// it is taken; s for chaining.
func (s *ShownText) ShowDocNumber(number, written string) *ShownText {
	if shown := ShowDocNumber(s.shown, number, written); shown != s.shown {
		s.shown, s.same = shown, false
	}
	return s
}

// yearPattern reports whether s is a year of four digits, as a 文号 has
// between its brackets.
func yearPattern(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
