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

// FoldTextAsTraditional is FoldText as if text held a traditional
// character: its phrases converted (回覆 → 回复) as in a longer text,
// of which text is the opening, that holds one further on.
func FoldTextAsTraditional(text string) (string, func(int) int, error) {
	if err := zh.LoadFolding(); err != nil {
		return text, func(i int) int { return i }, err
	}
	f := zh.FoldAsTraditional([]byte(text))
	return string(f.Text), f.Orig, nil
}

// HasTraditional reports whether text holds a traditional character,
// which makes FoldText convert the phrases of all of it (回覆 → 回复).
// It loads the conversion tables on first use (false without them).
func HasTraditional(text []byte) bool {
	return zh.LoadFolding() == nil && zh.HasTraditional(text)
}

// FootStart returns the offset in pages[i], the (i+1)-th page of a
// document, at which the page number on its last line begins (— 1 —,
// 第1页 共3页, or 1/3 naming that page and the number of pages, as a page
// beside it does), or len(pages[i]) when it has none: what a phrase
// running onto the next page passes over.
func FootStart(pages []string, i int) int {
	return zh.FootStart(pages, i)
}

// yearForms returns word, then, when it holds a year, the word with its
// years written the other way: in Arabic digits those in Chinese
// numerals (二〇二三年 → 2023年), and in Chinese numerals, with 〇, those
// in Arabic digits (2023年 → 二〇二三年; zeroForms adds the other signs of
// zero). The index holds a year as the document writes it, so each form
// is searched; the word itself always is, so a part of a year (〇二三年)
// is still found as written.
func yearForms(word string) []string {
	forms := []string{word}
	if spans := ChineseYears(word); len(spans) > 0 {
		var b strings.Builder
		last := 0
		for _, sp := range spans {
			b.WriteString(word[last:sp[0]])
			b.WriteString(ArabicYear(word[sp[0]:sp[1]]))
			last = sp[1]
		}
		b.WriteString(word[last:])
		forms = append(forms, b.String())
	}
	if spans := arabicYears(word); len(spans) > 0 {
		var b strings.Builder
		last := 0
		for _, sp := range spans {
			b.WriteString(word[last:sp[0]])
			for _, c := range []byte(word[sp[0]:sp[1]]) {
				b.WriteRune([]rune("〇" + chineseNumerals)[c-'0'])
			}
			last = sp[1]
		}
		b.WriteString(word[last:])
		if f := b.String(); !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// arabicYears returns the byte spans of word that are years of the last
// two centuries in Arabic digits: four digits reading 19xx or 20xx, with
// no digit, letter or decimal point beside them, followed by 年 (2023年),
// or by a range's dash and such a year (the 2021 of 2021-2025年), or the
// whole word. Four digits elsewhere are a code's or a quantity's
// (GB/T 28827-2012, 2023人), not a year that documents write in numerals.
func arabicYears(word string) [][2]int {
	var out [][2]int
	for i := 0; i+4 <= len(word); i++ {
		if !isYearDigits(word, i) || i > 0 && (latinOrDigitBefore(word, i) || word[i-1] == '.' || word[i-1] == ',') {
			continue
		}
		if len(word) == 4 || yearFollows(word[i+4:]) {
			out = append(out, [2]int{i, i + 4})
			i += 3
		}
	}
	return out
}

// isYearDigits reports whether word[i:i+4] are four ASCII digits reading
// 19xx or 20xx.
func isYearDigits(word string, i int) bool {
	for k := i; k < i+4; k++ {
		if !isASCIIDigit(word[k]) {
			return false
		}
	}
	return word[i:i+2] == "19" || word[i:i+2] == "20"
}

// yearFollows reports whether the text after four digits makes them a
// year: 年, or a range's dash and a year followed by 年.
func yearFollows(after string) bool {
	if strings.HasPrefix(after, "年") {
		return true
	}
	for _, dash := range []string{"-", "–", "—", "~", "～", "⸺", "至", "到"} {
		if rest, ok := strings.CutPrefix(after, dash); ok {
			return len(rest) >= 4 && isYearDigits(rest, 0) && strings.HasPrefix(rest[4:], "年")
		}
	}
	return false
}
