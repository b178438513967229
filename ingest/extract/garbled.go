package extract

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A damaged or badly made PDF gives text that is not text, and neither the
// library nor pdftotext notices. What its readers make of the fixtures
// damaged in testdata/gen/damaged.go (see testdata/README.md):
//
//   - A ToUnicode map that is wrong (shifted, byte-swapped, digits flipped,
//     another font's): rare Han characters, CJK Extension A, Hangul, Yi,
//     Myanmar, Tibetan, Arabic presentation forms, all mixed in one line
//     ("杮巟布亻氒敀庝功六历", "浧㽥鹒텓ᐰ㈀ ㄀㠀").
//   - A font read with a Latin encoding (its map lost, or GBK bytes set in a
//     WinAnsi font by an old tool): runs of ASCII symbols and letters
//     ("!"#$%&'()*+,-./01", "2k.lmnMop%qrs&'") or Latin-1 mojibake
//     ("º¼ÖÝÊÐ", "Ã¦Â").
//   - A broken content stream that poppler inflates anyway: a few real
//     words, then either of the above.
//
// isGarbled tells such text from real Chinese and English text by what it
// is made of, character by character, in one pass:
//
//   - hard: replacement, private-use and control characters, the mark of a
//     font without a usable map (the first rule, kept as it was);
//   - soft: a Han character outside the common ones (GB 2312, the 6,763
//     characters of simplified text, and Big5's 5,401 frequent traditional
//     ones: real documents use almost nothing else but in names, so it
//     counts half); a letter of another
//     script (Hangul, Cyrillic, Yi …) touching a letter of a different one;
//     Latin-1 and Latin Extended letters that are not a minority inside a
//     Latin word ("Müller" is, "ÊÐ" is not); Latin-1 signs that text does
//     not use (¤ ¦ ª ¬ ¸ º ¿ …; ° ± · × ÷ ¥ ² ³ are fine); ASCII words that
//     cannot be words (no vowel: "qrs"; a camelCase part without one:
//     "lmnMop"; a file name's extension need not be a word); and the rare ASCII signs (# $ & + < = > @ [ \ ] ^ { } ~)
//     when they sit inside a token with other characters. URLs and mail
//     addresses are left out of the word and sign rules.
//
// Text is garbled when 10% or more of its visible characters are hard
// (with at least 2 of them), or 10% or more are hard or soft (with at
// least 4). Real text stays far below: 0–3% on pages of Chinese text,
// scans read by OCR and English prose, at most 6% on a 20-character
// snippet (garbled_test.go runs every real text of the repository through
// it). Garbage from a wrong map scores 30–80%, ASCII soup 13–30%.
//
// What it cannot see: common characters in the wrong order (another
// subset's map, a content stream partly re-inflated into other glyphs of
// the same font); scrambled (hanpairs.go) judges which characters stand
// together instead.
func isGarbled(s string) bool { return garbledAt(s, garbledPercent) }

// garbledPercent is the share of implausible characters, in percent, from
// which text is garbage; garbledOCRPercent is the share for the OCR text of
// a PDF whose text readers gave garbage (ocrGarbled). Such a page is drawn
// with the same broken font, and tesseract reads a clean rendering of a
// real page almost without fault (0–1%), so what it reads there must be
// clean: testdata/corrupt.pdf rendered and read scores 9%.
const (
	garbledPercent    = 10
	garbledOCRPercent = 5
)

// garbledAt reports text in which percent or more of the visible characters
// are implausible (see isGarbled).
func garbledAt(s string, percent int) bool {
	var g garbleCount
	g.scan(s)
	return g.garbled(percent)
}

// garbleCount counts the characters of a text by how plausible they are.
type garbleCount struct {
	visible, hard, soft int
	rareHan             int // Han characters outside the common ones, which count half
}

func (g garbleCount) garbled(percent int) bool {
	if g.hard >= 2 && g.hard*100 >= g.visible*garbledPercent {
		return true
	}
	bad := g.hard + g.soft + g.rareHan/2
	return bad >= 4 && bad*100 >= g.visible*percent
}

// scan walks the text once, keeping the current whitespace-separated token
// and the current Latin word (a run of ASCII and Latin-1/Extended letters).
func (g *garbleCount) scan(s string) {
	var (
		prev      = clsSpace
		prevTold  bool // prev was a foreign letter already counted as mixed
		tok       tokenCount
		wordStart = -1
		extra     int // non-ASCII letters in the current Latin word
	)
	endWord := func(end int) {
		if wordStart >= 0 {
			extension := wordStart > 0 && s[wordStart-1] == '.' && end-wordStart <= 4
			tok.endWord(g, s[wordStart:end], extra, extension)
		}
		wordStart, extra = -1, 0
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		c := classify(r)
		if r == utf8.RuneError && n == 1 {
			c = clsHard
		}
		if c == clsSpace {
			endWord(i)
			tok.end(g, s[tok.start:i])
			tok = tokenCount{start: i + n}
			prev = clsSpace
			i += n
			continue
		}
		g.visible++
		tok.add(r)
		switch c {
		case clsHard:
			g.hard++
		case clsOdd:
			g.soft++
		case clsHanRare:
			g.rareHan++
		}
		if c == clsLatin || c == clsLatinExtra {
			if wordStart < 0 {
				wordStart = i
			}
			if c == clsLatinExtra {
				extra++
			}
		} else {
			endWord(i)
		}
		prevTold = g.countMixed(prev, c, prevTold)
		prev = c
		i += n
	}
	endWord(len(s))
	tok.end(g, s[tok.start:])
}

// countMixed counts a letter of another script that touches a letter of a
// different one ("ᅬ졾ꮎ晛"); a whole Korean or Russian line is not mixed.
// It reports whether c was counted.
func (g *garbleCount) countMixed(prev, c charClass, prevTold bool) bool {
	if !c.isLetter() || !prev.isLetter() || compatible(prev, c) {
		return false
	}
	if prev.isForeign() && !prevTold {
		g.soft++
	}
	if c.isForeign() {
		g.soft++
		return true
	}
	return false
}

// tokenCount holds back the word and sign rules of one whitespace-separated
// token until its end, where a URL or mail address lets them go.
type tokenCount struct {
	start        int
	chars, signs int // visible characters; rare ASCII signs among them
	implausible  int // letters of implausible ASCII words
}

func (t *tokenCount) add(r rune) {
	t.chars++
	if isRareSign(r) {
		t.signs++
	}
}

// endWord judges one Latin word of the token; a file name's extension
// (".xls", ".pdf") need not be a word.
func (t *tokenCount) endWord(g *garbleCount, word string, extra int, extension bool) {
	letters := utf8.RuneCountInString(word)
	switch {
	case extra > 0 && extra*2 >= letters:
		g.soft += extra // mojibake: "ÊÐ", "Ã¦Â"
	case extra == 0 && !extension && !plausibleWord(word):
		t.implausible += letters
	}
}

// end adds the token's held-back counts, unless the token is an address.
func (t *tokenCount) end(g *garbleCount, token string) {
	if t.chars == 0 || isAddress(token) {
		return
	}
	g.soft += t.implausible
	if t.signs > 0 && t.signs < t.chars {
		g.soft += t.signs
	}
}

// isAddress reports a URL, a web address or a mail address, whose parts
// ("https", "www", "lgpl") need not be words.
func isAddress(tok string) bool {
	if strings.Contains(tok, "://") || strings.Contains(tok, "www.") {
		return true
	}
	at := strings.IndexByte(tok, '@') // name@host.domain
	return at > 0 && at+1 < len(tok) && isASCIIAlnum(rune(tok[at-1])) && isASCIIAlnum(rune(tok[at+1])) &&
		strings.Contains(tok[at:], ".")
}

// isRareSign reports the ASCII signs that text uses seldom and a Latin
// reading of a CJK font gives as often as any other character.
func isRareSign(r rune) bool {
	switch r {
	case '#', '$', '&', '+', '<', '=', '>', '@', '[', '\\', ']', '^', '{', '}', '~':
		return true
	}
	return false
}

// plausibleWord reports whether a run of ASCII letters can be a word: an
// acronym, or lower-case letters with a vowel, and in camelCase every part
// of two letters or more with a vowel ("WeChat", "iPhone", not "lmnMop").
// One- and two-letter words pass ("km", "Mr"), and lower-case words of up
// to four letters, which are file types and units as often as not ("pdf",
// "xls", "ppt", "kwh").
func plausibleWord(w string) bool {
	if len(w) < 3 || !hasLower(w) || len(w) <= 4 && !hasUpper(w) {
		return true
	}
	start, camel := 0, false
	for i := 1; i <= len(w); i++ {
		if i < len(w) && !(isLower(w[i-1]) && isUpper(w[i])) {
			continue
		}
		camel = camel || i < len(w)
		part := w[start:i]
		if camel && len(part) >= 2 && hasLower(part) && !hasVowel(part) {
			return false
		}
		start = i
	}
	return camel || hasVowel(w)
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func hasUpper(w string) bool {
	for i := range len(w) {
		if isUpper(w[i]) {
			return true
		}
	}
	return false
}

func hasLower(w string) bool {
	for i := range len(w) {
		if isLower(w[i]) {
			return true
		}
	}
	return false
}

func hasVowel(w string) bool {
	return strings.ContainsAny(w, "aeiouyAEIOUY")
}

// commonHan marks the Han characters of GB 2312 (both levels) and of Big5's
// level 1, one bit per code point of the CJK Unified Ideographs block,
// where all of them are. It is built once, from the encoders' own tables,
// in about a millisecond.
var (
	commonHanOnce sync.Once
	commonHanBits [(0xA000 - 0x4E00 + 63) / 64]uint64
)

func isCommonHan(r rune) bool {
	commonHanOnce.Do(buildCommonHan)
	i := r - 0x4E00
	return i >= 0 && r < 0xA000 && commonHanBits[i>>6]&(1<<(i&63)) != 0
}

func buildCommonHan() {
	mark := func(b []byte) {
		if r, _ := utf8.DecodeRune(b); r >= 0x4E00 && r < 0xA000 {
			i := r - 0x4E00
			commonHanBits[i>>6] |= 1 << (i & 63)
		}
	}
	gb := simplifiedchinese.GBK.NewDecoder()
	for hi := 0xB0; hi <= 0xF7; hi++ { // GB 2312 rows 16–87: levels 1 and 2
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if b, err := gb.Bytes([]byte{byte(hi), byte(lo)}); err == nil {
				mark(b)
			}
		}
	}
	big5 := traditionalchinese.Big5.NewDecoder()
	for code := 0xA440; code <= 0xC67E; code++ { // Big5 level 1
		lo := code & 0xFF
		if lo < 0x40 || lo > 0x7E && lo < 0xA1 || lo == 0xFF {
			continue
		}
		if b, err := big5.Bytes([]byte{byte(code >> 8), byte(lo)}); err == nil {
			mark(b)
		}
	}
}
