package search

import (
	"regexp"
	"strings"
)

// docNumberTyped is a 文号 in a query word whose bracketed year or serial
// may hold letters typed for digits: the issuer's Han abbreviation (or
// the word's start), the year in brackets, 第 and the serial, then 号 or
// the word's end. Groups: the issuer's last character (empty at the
// word's start), the year, the serial, 号 (empty at the word's end).
var docNumberTyped = regexp.MustCompile(`(\p{Han}|^)[〔\[【(﹝〖]([0-9lIOo]{4})[〕\])】﹞〗]第?([0-9lIOo]{1,4})(号|$)`)

// digitLetters are the letters read as the digits they look like, as a
// scan's 文号 is printed and as people copy it from OCR's text or a
// photo: l and I for 1, O and o for 0.
var digitLetters = strings.NewReplacer("l", "1", "I", "1", "O", "0", "o", "0")

// readDocNumberDigits returns word with the letters in its 文号's year and
// serial read as digits (杭政办发〔2018〕l2号 is 杭政办发〔2018〕12号, 〔2O18〕
// is 〔2018〕), and whether it read any. A letter is read so only in a run
// that makes a year of this or the last century, never in the word's
// other letters or outside a 文号 (a word like Iowa, a code like ISO
// 9001). A serial of letters alone (〔2018〕l号 typed for 1号, lO号 for
// 10号) is read only in a whole 文号, its issuer before the year and 号
// after the serial: a run that holds no digit is read so nowhere else.
// A serial that would read as zeros alone (O号) is left as typed: no 文号
// is numbered 0号.
func readDocNumberDigits(word string) (string, bool) {
	if !strings.ContainsAny(word, "lIOo") {
		return word, false
	}
	var b strings.Builder
	last, read := 0, false
	for _, m := range docNumberTyped.FindAllStringSubmatchIndex(word, -1) {
		year, serial := word[m[4]:m[5]], word[m[6]:m[7]]
		y, s := digitLetters.Replace(year), digitLetters.Replace(serial)
		if strings.Trim(s, "0") == "" {
			// No 文号 is numbered 0号: a serial that would read as
			// zeros (O号, 0O号) is a letter, not a digit typed wrong.
			s = serial
		}
		whole := m[3] > m[2] && m[9] > m[8] // an issuer and 号
		if y == year && s == serial || !hasDigit(year) || !hasDigit(serial) && !whole ||
			!(strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) {
			continue
		}
		b.WriteString(word[last:m[4]])
		b.WriteString(y)
		b.WriteString(word[m[5]:m[6]])
		b.WriteString(s)
		last, read = m[7], true
	}
	if !read {
		return word, false
	}
	b.WriteString(word[last:])
	return b.String(), true
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
