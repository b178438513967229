package spreadsheet

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	textunicode "golang.org/x/text/encoding/unicode"
)

// utf16Sample is how much of the data BOMlessUTF16 judges.
const utf16Sample = 4096

// minUTF16Units is the fewest code units BOMlessUTF16 judges: fewer say
// nothing about an encoding.
const minUTF16Units = 8

// BOMlessUTF16 reports the encoding, "utf-16le" or "utf-16be", of UTF-16
// text without a byte order mark (Notepad's "Unicode" of old, some
// systems' exports), judged on its head; "" when data does not read as
// one. Any two bytes are a UTF-16 code unit, so the head must read as
// text one way: mostly Latin text, as nine in ten units whose high byte
// is zero and low byte is not; Chinese, as valid UTF-16 (no unpaired
// surrogate) of at least minUTF16Units Han characters, most of them
// common ones, with nothing but Han characters, ASCII and CJK or
// full-width punctuation in it. Random bytes are neither: a unit in 32 is
// a surrogate, and two in three are outside those ranges.
//
// Text that is valid UTF-8 without a NUL byte is never taken for UTF-16:
// an ASCII text read as UTF-16 would be units of Han characters. data is
// a whole file: one cut inside its last character is no valid UTF-8, and
// is judged as any other (BOMlessUTF16Head tells heads).
func BOMlessUTF16(data []byte) string {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return ""
	}
	return judgeUTF16(data)
}

// BOMlessUTF16Head is BOMlessUTF16 for the head of a file (a sniffer's
// first 1,024 bytes), which may be cut inside its last character: such a
// head of valid UTF-8 text is valid UTF-8 text too, and is told so
// without decoding it twice as UTF-16.
func BOMlessUTF16Head(head []byte) string {
	if validUTF8Head(head) && bytes.IndexByte(head, 0) < 0 {
		return ""
	}
	return judgeUTF16(head)
}

// judgeUTF16 is BOMlessUTF16's judgement of data that is not valid
// UTF-8 text, made on its first utf16Sample bytes.
func judgeUTF16(data []byte) string {
	head := data[:min(len(data), utf16Sample)&^1]
	if len(head) < 2*minUTF16Units {
		return ""
	}
	le, be := zeroHighBytes(head)
	units := len(head) / 2
	for _, o := range []struct {
		name  string
		order textunicode.Endianness
		latin bool
	}{
		{"utf-16le", textunicode.LittleEndian, le*10 >= units*9},
		{"utf-16be", textunicode.BigEndian, be*10 >= units*9},
	} {
		b, err := textunicode.UTF16(o.order, textunicode.IgnoreBOM).NewDecoder().Bytes(head)
		if err != nil {
			continue
		}
		// The sample may end inside a surrogate pair; DecodeText judges
		// the whole file's.
		text := trimLastRuneError(string(b))
		if bytes.ContainsRune([]byte(text), utf8.RuneError) || bytes.IndexByte([]byte(text), 0) >= 0 || tooManyControls(text) {
			continue
		}
		if o.latin || readsAsChinese(text) {
			return o.name
		}
	}
	return ""
}

// zeroHighBytes counts the code units of head that are one non-zero byte
// beside a zero byte: the ASCII characters of UTF-16LE (le) and of
// UTF-16BE (be).
func zeroHighBytes(head []byte) (le, be int) {
	for i := 0; i+1 < len(head); i += 2 {
		switch {
		case head[i] != 0 && head[i+1] == 0:
			le++
		case head[i] == 0 && head[i+1] != 0:
			be++
		}
	}
	return le, be
}

// validUTF8Head reports data that is valid UTF-8 but perhaps for its last
// character cut short: the head of a valid UTF-8 text, cut anywhere.
func validUTF8Head(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	for i := len(data) - 1; i >= 0 && i > len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			return !utf8.FullRune(data[i:]) && utf8.Valid(data[:i])
		}
	}
	return false
}

func trimLastRuneError(s string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return s[:len(s)-size]
	}
	return s
}

// readsAsChinese reports text of at least minUTF16Units Han characters,
// six in ten of them common (GB2312 level 1), in which every character is
// a Han character, ASCII, or CJK or full-width punctuation.
func readsAsChinese(text string) bool {
	enc := simplifiedchinese.GB18030.NewEncoder()
	han, common := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			if commonHan(enc, r) {
				common++
			}
		case r < 0x80, r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef, r >= 0x2010 && r <= 0x2027:
		default:
			return false
		}
	}
	return han >= minUTF16Units && common*10 >= han*6
}
