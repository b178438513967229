package index

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// A year is written in Arabic numerals (2023年) or in Chinese ones, digit
// by digit (二〇二三年, 一九九八年), with any sign of zero (zeroSigns).
// Documents write both, often in one archive (a policy's body in Arabic
// numerals, its date of issue in Chinese ones), and a person typing or
// quoting a year writes whichever is at hand.

// yearDigit returns the digit a character stands for in a year written
// in Chinese numerals: a sign of zero or 一 to 九.
func yearDigit(r rune) (byte, bool) {
	if r == '\u25EF' || slices.Contains(zeroSigns, r) { // ◯ too, a larger circle
		return '0', true
	}
	if i := strings.IndexRune(chineseNumerals, r); i >= 0 {
		return byte('1' + i/utf8.RuneLen(r)), true
	}
	return 0, false
}

// ChineseYears returns the byte spans of s that are years of the last two
// centuries written in Chinese numerals, digit by digit: four characters
// of 〇 (or another sign of zero) and 一 to 九, at least one of them Chinese,
// reading 19xx or 20xx (一九九八, 二〇二三, 二零二三, 二O二三), with no digit
// or Latin letter beside them. A run of numerals longer or shorter than
// four (一二三四五, 三四五年) is no year, and a sign of zero alone (零距离)
// no numeral.
func ChineseYears(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, ok := yearDigit(r); !ok {
			i += size
			continue
		}
		j, n, chinese, digits := i, 0, false, []byte(nil)
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			d, ok := yearDigit(r)
			if !ok {
				break
			}
			digits = append(digits, d)
			chinese = chinese || r >= utf8.RuneSelf
			n++
			j += size
		}
		if n == 4 && chinese && (string(digits[:2]) == "19" || string(digits[:2]) == "20") &&
			!latinOrDigitBefore(s, i) && !latinOrDigitAfter(s, j) {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

// ArabicYear returns the year in Arabic digits that the Chinese numerals
// of a span ChineseYears found stand for (二〇二三 → 2023).
func ArabicYear(numerals string) string {
	var b strings.Builder
	for _, r := range numerals {
		d, _ := yearDigit(r)
		b.WriteByte(d)
	}
	return b.String()
}

func latinOrDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r < utf8.RuneSelf && (isASCIIDigit(byte(r)) || isASCIILetter(byte(r)))
}

func latinOrDigitAfter(s string, j int) bool {
	r, _ := utf8.DecodeRuneInString(s[j:])
	return r < utf8.RuneSelf && (isASCIIDigit(byte(r)) || isASCIILetter(byte(r)))
}

// FoldText returns text folded as the index reads it, character for
// character (traditional characters simplified, full-width forms
// half-width, brackets round and dashes hyphens: doc.go), and the
// function that maps a byte offset of the folded text back to text.
// Features that compare a person's words with a document outside the
// index, such as checking a quote, fold both with it. It loads the
// conversion tables on first use.
func FoldText(text string) (string, func(int) int, error) {
	if err := zh.LoadFolding(); err != nil {
		return text, func(i int) int { return i }, err
	}
	f := zh.Fold([]byte(text))
	return string(f.Text), f.Orig, nil
}

// FootStart returns the offset in page, the number-th page (1-based) of a
// document, at which the page number on its last line begins (— 1 —,
// 第1页 共3页, 1/3 naming that page), or len(page) when it has none: what a
// phrase running onto the next page passes over.
func FootStart(page string, number int) int {
	return zh.FootStart(page, number)
}
