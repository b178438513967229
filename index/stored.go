package index

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The text of a document is stored in the index, for highlights, in its own
// stored-only field (fieldStoredText), encoded as GB18030 (two bytes per Han
// character instead of three in UTF-8) and deflated. Bleve compresses stored
// fields with snappy, which barely shrinks Chinese; this takes the stored
// text from about 0.76× to 0.46× of the raw text, which brings the index
// under three times the text (bench/README.md). Offsets of highlights are
// taken on the UTF-8 text, so it must come back byte for byte: GB18030 as
// implemented maps part of the private-use area (U+E000–U+E864, used for
// home-made glyphs of rare characters in names) onto other code points, so
// a text with private-use characters is stored as UTF-8 instead. The first
// byte of the stored value says which encoding follows.

// storedTextLevel trades a little size for speed: level 3 is as small as 6
// on this text.
const storedTextLevel = 3

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, storedTextLevel)
	return w
}}

// Encodings of stored text, the first byte of the stored value.
const (
	storedGB18030 = 'g'
	storedUTF8    = 'u'
)

// hasPrivateUse reports whether text has characters GB18030 would not
// give back unchanged.
func hasPrivateUse(text string) bool {
	for _, r := range text {
		if r >= 0xE000 && r <= 0xF8FF {
			return true
		}
	}
	return false
}

// deflateText encodes text for fieldStoredText.
func deflateText(text string) (string, error) {
	enc, tag := text, byte(storedUTF8)
	if !hasPrivateUse(text) {
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
		if err != nil {
			return "", fmt.Errorf("encode stored text: %w", err)
		}
		enc, tag = gb, storedGB18030
	}
	var buf bytes.Buffer
	buf.Grow(len(enc)*3/4 + 1)
	buf.WriteByte(tag)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	// Writes to a bytes.Buffer cannot fail.
	io.WriteString(w, enc)
	w.Close()
	return buf.String(), nil
}

var inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}

// inflateText decodes what deflateText made.
func inflateText(stored string) (string, error) {
	if stored == "" {
		return "", fmt.Errorf("inflate stored text: empty value")
	}
	tag, body := stored[0], stored[1:]
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(strings.NewReader(body), nil); err != nil {
		return "", fmt.Errorf("inflate stored text: %w", err)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("inflate stored text: %w", err)
	}
	switch tag {
	case storedUTF8:
		return string(raw), nil
	case storedGB18030:
	default:
		return "", fmt.Errorf("inflate stored text: unknown encoding %q", tag)
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("decode stored text: %w", err)
	}
	return string(text), nil
}
