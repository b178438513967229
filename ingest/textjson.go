package ingest

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// appendTextJSON appends t as json.Marshal encodes it, byte for byte: the
// catalog records the hash of the stored bytes (hashText) and check holds
// the blob to it, and a text saved again must hash the same. Written by
// hand since the Encoder's reflection and buffering around the escaping
// made it ≈ 3× dearer (bench/README.md, session 50). The fields are
// StoredText's, in its order, with its omitempty rules; a field added to
// StoredText must be added here (TestEncodeTextIsMarshal fails until it
// is).
func appendTextJSON(dst []byte, t *StoredText) ([]byte, error) {
	dst = append(dst, `{"extractor":`...)
	dst = appendJSONString(dst, t.Extractor)
	dst = append(dst, `,"version":`...)
	dst = strconv.AppendInt(dst, int64(t.Version), 10)
	dst = appendOptString(dst, `,"encoding":`, t.Encoding)
	dst = appendOptString(dst, `,"title":`, t.Title)
	dst = append(dst, `,"pages":`...)
	dst = appendJSONStrings(dst, t.Pages)
	dst = appendOptString(dst, `,"head":`, t.Head)
	if len(t.PageSources) > 0 {
		dst = append(dst, `,"page_sources":`...)
		dst = appendJSONStrings(dst, t.PageSources)
	}
	if t.OCRConfidence != nil {
		// A float's shortest form by Marshal's rules (exponents, -0,
		// NaN refused) is not worth copying for one number a text.
		b, err := json.Marshal(*t.OCRConfidence)
		if err != nil {
			return nil, err
		}
		dst = append(append(dst, `,"ocr_confidence":`...), b...)
	}
	if len(t.SealPages) > 0 {
		dst = append(dst, `,"seal_pages":[`...)
		for i, p := range t.SealPages {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(dst, int64(p), 10)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}'), nil
}

func appendOptString(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	return appendJSONString(append(dst, key...), s)
}

// appendJSONStrings writes a nil slice as null, as Marshal does.
func appendJSONStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendJSONString quotes s as Marshal does with its HTML escaping: <, >
// and & as \u003c, \u003e and \u0026, U+2028 and U+2029 escaped, each
// byte that is not UTF-8 as \ufffd. A stretch of bytes that need nothing
// is copied at once; a three-byte character (Han, full-width marks) is
// passed without decoding when its lead byte admits any two continuation
// bytes (not 0xE0, 0xED) and cannot start U+2028 (0xE2).
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i++
				continue
			}
			dst = appendEscapedByte(append(dst, s[start:i]...), b)
			i++
			start = i
			continue
		}
		if b >= 0xe1 && b <= 0xef && b != 0xe2 && b != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(append(dst, s[start:i]...), `\u202`...)
			dst = append(dst, jsonHex[c&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

func appendEscapedByte(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', jsonHex[b>>4], jsonHex[b&0xf])
}

const jsonHex = "0123456789abcdef"

// jsonPlain holds the ASCII bytes Marshal copies as they are.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for b := range t {
		t[b] = b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()
