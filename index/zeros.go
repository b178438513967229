package index

import (
	"slices"
	"strings"
)

// A year in Chinese numerals writes its zero in several ways: 〇 (the
// numeral, as GB/T 15835 and the 公文 standard have it), ○ (a circle,
// which input methods offer beside it and many documents carry), 零, and
// in typed or OCR'd text the digit 0 or the letter O (二〇二三年,
// 二○二三年, 二零二三年, 二0二三年, 二O二三年). They look alike on paper, so
// an expert types whichever is at hand; the index holds the characters
// as written, so each form is searched.
var zeroSigns = []rune{'〇', '○', '零', '0', 'O'}

// chineseNumerals are the numerals besides zero that a year is written with.
const chineseNumerals = "一二三四五六七八九"

// zeroForms returns word written with each sign of zero in its runs of
// Chinese numerals (three characters or more, with a zero and a numeral
// besides: 二〇二三, 二〇〇〇), the word itself first; a word without such
// a run is returned alone. A zero that stands by itself (零距离, 零星,
// ISO 9001) is no numeral of a year and keeps its sign.
func zeroForms(word string) []string {
	rs := []rune(word)
	var zeros []int // the zeros of the runs, indexes of rs
	for i := 0; i < len(rs); {
		j, numerals, zs := i, 0, []int(nil)
		for ; j < len(rs); j++ {
			if slices.Contains(zeroSigns, rs[j]) {
				zs = append(zs, j)
			} else if strings.ContainsRune(chineseNumerals, rs[j]) {
				numerals++
			} else {
				break
			}
		}
		if j-i >= 3 && numerals > 0 && len(zs) > 0 {
			zeros = append(zeros, zs...)
		}
		i = max(j, i+1)
	}
	forms := []string{word}
	if len(zeros) == 0 {
		return forms
	}
	for _, z := range zeroSigns {
		f := slices.Clone(rs)
		for _, i := range zeros {
			f[i] = z
		}
		if s := string(f); !slices.Contains(forms, s) {
			forms = append(forms, s)
		}
	}
	return forms
}
