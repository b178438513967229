package spreadsheet

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	textunicode "golang.org/x/text/encoding/unicode"
)

// Text comes from offices in China as UTF-8, GB18030 (GBK, GB2312) or
// Excel's Unicode text, UTF-16 with a BOM, rarely declared. DecodeText is
// the one rule that tells them apart, for documents and for imports.

// ErrEncoding means text data is in no encoding DecodeText knows.
var ErrEncoding = errors.New("spreadsheet: text encoding not recognised")

// DecodeText detects the encoding of text data (a text file, a table saved
// as text) and returns it as UTF-8 with the name of the encoding: UTF-8
// with or without a BOM, UTF-16 with a BOM or without one (BOMlessUTF16),
// else GB18030 (a superset of
// GBK and GB2312) when the result is plausible Chinese; a Chinese text
// with a few bad bytes (one in a thousand: a stray byte, a file cut inside
// its last character) is read without them. Data that is none of these,
// or holds more than 1% control characters, is ErrEncoding, which each
// caller words in its own terms. The extractor of text and CSV documents
// and ReadDelimited both decode by it.
func DecodeText(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", ErrEncoding
		}
		text, encoding = string(data), "utf-8"
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		encoding = "utf-16be"
		order := textunicode.BigEndian
		if data[0] == 0xff {
			encoding, order = "utf-16le", textunicode.LittleEndian
		}
		b, err := textunicode.UTF16(order, textunicode.ExpectBOM).NewDecoder().Bytes(data)
		// Any two bytes are a UTF-16 code unit, so random bytes behind
		// FE FF decode to valid but rare characters: held to the same
		// plausibility test as GB18030.
		if err != nil || bytes.ContainsRune(b, utf8.RuneError) || !plausibleChinese(string(b)) {
			return "", "", ErrEncoding
		}
		text = string(b)
	case BOMlessUTF16(data) != "":
		encoding = BOMlessUTF16(data)
		order := textunicode.LittleEndian
		if encoding == "utf-16be" {
			order = textunicode.BigEndian
		}
		b, err := textunicode.UTF16(order, textunicode.IgnoreBOM).NewDecoder().Bytes(data)
		// Judged on its head; the rest must be UTF-16 as well.
		if err != nil || bytes.ContainsRune(b, utf8.RuneError) {
			return "", "", ErrEncoding
		}
		text = string(b)
	case utf8.Valid(data):
		text, encoding = string(data), "utf-8"
	default:
		t, ok := decodeGB18030(data)
		switch {
		case ok:
			text, encoding = t, "gb18030"
		case badUTF8(data) <= maxBadBytes(data) && hanCount(strings.ToValidUTF8(string(withoutStrayBytes(data)), "")) >= minHan:
			// Chinese UTF-8 with a few bad bytes: a file cut inside its
			// last character, a stray byte of another program. Bytes that
			// never occur in UTF-8 are left out first, so that one
			// inside a character does not take the character with it.
			text, encoding = strings.ToValidUTF8(string(withoutStrayBytes(data)), ""), "utf-8"
		default:
			return "", "", ErrEncoding
		}
	}
	if tooManyControls(text) {
		return "", "", ErrEncoding
	}
	return text, encoding, nil
}

// decodeGB18030 decodes data as GB18030 and reports whether the result is
// plausible Chinese text. Random high bytes decode to valid but rare
// characters, so besides rejecting undecodable bytes it requires that most
// Han characters are common ones (GB2312 level 1) and that private-use
// characters (GB18030 user-defined areas) are rare.
func decodeGB18030(data []byte) (string, bool) {
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	bad := bytes.Count(b, []byte(string(utf8.RuneError)))
	if err != nil || bad > maxBadBytes(data) {
		return "", false
	}
	text := strings.ReplaceAll(string(b), string(utf8.RuneError), "")
	// Bad bytes are forgiven only in text that is plainly Chinese: a
	// Latin-1 text (Cafés) has a few high bytes too, which GB18030 turns
	// into Han characters (Caf閟).
	if bad > 0 && hanCount(text) < minHan {
		return "", false
	}
	return text, plausibleChinese(text)
}

// minHan is how many Han characters a text must hold for its bad bytes to
// be forgiven, and for plausibleChinese to judge it by its characters.
const minHan = 20

// hanCount counts the Han characters of text.
func hanCount(text string) int {
	n := 0
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// withoutStrayBytes is data without the bytes that never occur in UTF-8
// (C0, C1, F5–FF): a stray one inside a character would otherwise make
// the whole character undecodable.
func withoutStrayBytes(data []byte) []byte {
	return slices.DeleteFunc(bytes.Clone(data), func(c byte) bool { return c == 0xc0 || c == 0xc1 || c >= 0xf5 })
}

// badUTF8 counts the bytes of data that are no UTF-8: the stray ones and
// the invalid sequences left once they are out.
func badUTF8(data []byte) int {
	clean := withoutStrayBytes(data)
	return len(data) - len(clean) + invalidUTF8(clean)
}

// maxBadBytes is how many undecodable bytes (or sequences) a text of
// data may hold and still be read, the bad bytes left out: one in a
// thousand. A GBK or UTF-8 file with a stray byte, or cut inside its last
// character, is still the text it was; a short one is not judged so.
func maxBadBytes(data []byte) int {
	return len(data) / 1000
}

// invalidUTF8 counts the invalid sequences of data as UTF-8.
func invalidUTF8(data []byte) int {
	n := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		data = data[size:]
	}
	return n
}

// plausibleChinese samples up to maxHanSample Han characters of text.
func plausibleChinese(text string) bool {
	const maxHanSample = 20000
	enc := simplifiedchinese.GB18030.NewEncoder()
	han, common, private, nonASCII := 0, 0, 0, 0
	for _, r := range text {
		if r < 0x80 {
			continue
		}
		nonASCII++
		if r >= 0xe000 && r <= 0xf8ff {
			private++
			continue
		}
		if !unicode.Is(unicode.Han, r) || han >= maxHanSample {
			continue
		}
		han++
		if commonHan(enc, r) {
			common++
		}
	}
	if private*100 > nonASCII {
		return false
	}
	return han < minHan || common*10 >= han*6
}

// commonHan reports a Han character of GB2312 level 1, the 3,755 most
// common. enc is a GB18030 encoder, made once for a text.
func commonHan(enc *encoding.Encoder, r rune) bool {
	var src [utf8.UTFMax]byte
	var dst [8]byte
	n := utf8.EncodeRune(src[:], r)
	m, _, err := enc.Transform(dst[:], src[:n], true)
	return err == nil && m == 2 && dst[0] >= 0xb0 && dst[0] <= 0xd7 && dst[1] >= 0xa1
}

// tooManyControls reports text in which control characters other than tab,
// line feed, carriage return and form feed exceed 1%: binary data, or a
// wrong encoding guess.
func tooManyControls(text string) bool {
	controls, total := 0, 0
	for _, r := range text {
		total++
		if r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			controls++
		}
	}
	return controls*100 > total
}

// LooksText accepts UTF-16 (with a BOM, or without as BOMlessUTF16 tells) and any byte text (UTF-8, GB18030)
// without NUL bytes and with few control characters (at most 5% of head,
// escape included): what may be text, its encoding decided later, on the
// whole data, by DecodeText.
func LooksText(head []byte) bool {
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) || BOMlessUTF16Head(head) != "" {
		return true
	}
	controls := 0
	for _, c := range head {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b:
			controls++
		}
	}
	return controls*20 <= len(head)
}
