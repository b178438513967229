package zh

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A decimal's trailing zeros before a unit. 96.5 finds 96.50% by the
// marked pair that ends at its 5 (valueEnd), but 96.5% asks for the pair
// 5% after it, and the text holds 50 and 0% there: the zeros stand
// between the value and its unit. So the pair of a number's last digit of
// value and the character after its trailing zeros is indexed once more,
// as one token at the pair after that digit (ZerosToken: 5⁰% for
// 96.50%), and a query word that writes a number right before another
// character is searched a second time with, at each such place
// (ZeroCuts), either its own pair or that token, then the pair of the
// last zero and the unit, found wherever the zeros end, and the rest of
// the word after it. The token
// is marked ^ when the digit begins its number, as the query's must, so
// 5% does not find 96.50%, nor 9% 19.0%; the rule of valueEnd holds
// (第3.10条 and 2024.10月 have no trailing zeros).

// zeroMark stands for a run of trailing zeros in a ZerosToken: no text's
// pair holds it next to a digit, folded text has no superscripts.
const zeroMark = '⁰'

// ZerosToken is the n-gram token of digit d, the last of a number's value,
// whose trailing zeros unit u follows: d, zeroMark, u, with ^ before
// when d begins its number (start).
func ZerosToken(d rune, start bool, u rune) []byte {
	return markPair([]byte(string([]rune{d, zeroMark, u})), start, false)
}

// zerosUnitAt returns, for rs[i] a digit whose value the trailing zeros
// after it end (zerosEnd), the index of the character after the zeros,
// when that is no whitespace: the unit the token of the pair at i joins
// to rs[i].
func zerosUnitAt(rs []rune, i int) (int, bool) {
	if i+1 >= len(rs) || rs[i+1] != '0' && rs[i+1] != '.' || !isDigit(rs[i]) || !zerosEnd(rs, i) {
		return 0, false
	}
	k := i + 1
	if rs[k] == '.' {
		k++
	}
	for k < len(rs) && rs[k] == '0' {
		k++
	}
	return k, k < len(rs) && !unicode.IsSpace(rs[k])
}

// ZeroCuts returns where a query word (a substring text: SubstringText)
// may stand in a text with trailing zeros left out: the byte offsets
// after each digit that ends a number right before another character
// (the 5 of 96.5%, the 3 of 12.3万人, the 5 of 12.5，较), a place where
// a text may write zeros (96.50%, 12.30万人, 12.50，较).
func ZeroCuts(word string) []int {
	var out []int
	rs := []rune(word)
	off := 0
	for j, r := range rs {
		off += utf8.RuneLen(r)
		if j+1 < len(rs) && numberEnd(rs, j) && !unicode.IsSpace(rs[j+1]) && (!isNumberSep(rs[j+1]) || clauseComma(rs, j+1)) {
			out = append(out, off)
		}
	}
	return out
}

// clauseComma reports whether rs[i], a separator, is a comma that no
// digit follows (folding makes ， one): the text's zeros may stand
// before it (12.50，较上年), and the index joins them to it as to a unit.
func clauseComma(rs []rune, i int) bool {
	return rs[i] == ',' && (i+1 == len(rs) || !isDigit(rs[i+1]))
}

// ZeroCutToken is the ZerosToken a query word asks for at cut, one of its
// ZeroCuts: of the digit before it and the character after.
func ZeroCutToken(word string, cut int) []byte {
	rs := []rune(word[:cut])
	u, _ := utf8.DecodeRuneInString(word[cut:])
	return ZerosToken(rs[len(rs)-1], numberStart(rs, len(rs)-1), u)
}

// FindZeros returns the byte spans of the finder's text where word
// stands with trailing zeros at one of its ZeroCuts at least, each cut
// with or without them (96.5%提高到98.2% in 96.50%提高到98.20% and in
// 96.50%提高到98.2%), as the n-gram index finds it by its ZerosTokens.
func (sf *SubstringFinder) FindZeros(word string) [][2]int {
	cuts := ZeroCuts(word)
	if len(cuts) == 0 {
		return nil
	}
	notNext := UnitNotNext(word)
	var out [][2]int
	for _, se := range sf.find(word[:cuts[0]]) {
		e, zeros := se[1], false
		for k, cut := range cuts {
			next := len(word)
			if k+1 < len(cuts) {
				next = cuts[k+1]
			}
			if n, ok := sf.zerosAt(e); ok {
				e, zeros = e+n, true
			}
			if !strings.HasPrefix(sf.ft[e:], word[cut:next]) {
				zeros = false
				break
			}
			e += next - cut
		}
		if !zeros || goesOn(sf.ft[e:], notNext) {
			continue
		}
		out = append(out, [2]int{sf.f.Orig(sf.at(se[0])), sf.f.Orig(sf.at(e-1) + 1)})
	}
	return out
}

// zerosAt is the length in bytes of the trailing zeros (and their point)
// at byte e of the finder's text, after a digit, when the index joins
// that digit to the character after them (zerosUnitAt).
func (sf *SubstringFinder) zerosAt(e int) (int, bool) {
	rest := sf.ft[e:]
	after := strings.TrimLeft(strings.TrimPrefix(rest, "."), "0")
	if len(after) == len(rest) {
		return 0, false
	}
	from := max(0, e-maxZerosScan-8)
	rs := []rune(sf.ft[from:min(len(sf.ft), e+maxZerosScan+8)])
	j := utf8.RuneCountInString(sf.ft[from:e]) - 1
	if k, ok := zerosUnitAt(rs, j); !ok || string(rs[j+1:k]) != rest[:len(rest)-len(after)] {
		return 0, false
	}
	return len(rest) - len(after), true
}

// TrailingZeros reports whether number, written in a text between before
// and after, ends with zeros that are a decimal's trailing zeros by the
// index's rule (valueEnd): 96.50%, 3.10% and 96.00 do, 2024.10 (a year
// and October) and 第3.10条 (a clause's tenth) do not, nor 1,000.
func TrailingZeros(before, number, after string) bool {
	fb, fn, fa := []rune(string(Fold([]byte(before)).Text)), []rune(string(Fold([]byte(number)).Text)), []rune(string(Fold([]byte(after)).Text))
	j := len(fn) - 1
	for j >= 0 && fn[j] == '0' {
		j--
	}
	if j == len(fn)-1 || j < 0 {
		return false
	}
	if fn[j] == '.' {
		j--
	}
	rs := append(append(fb, fn...), fa...)
	return j >= 0 && zerosEnd(rs, len(fb)+j)
}
