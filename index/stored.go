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
// under three times the text (bench/README.md). GB18030 encodes all of
// Unicode, so the text comes back byte for byte and offsets stay valid.

// storedTextLevel trades a little size for speed: level 3 is as small as 6
// on this text.
const storedTextLevel = 3

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, storedTextLevel)
	return w
}}

// deflateText encodes text for fieldStoredText.
func deflateText(text string) (string, error) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		return "", fmt.Errorf("encode stored text: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(gb) * 3 / 4)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	// Writes to a bytes.Buffer cannot fail.
	io.WriteString(w, gb)
	w.Close()
	return buf.String(), nil
}

var inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}

// inflateText decodes what deflateText made.
func inflateText(stored string) (string, error) {
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(strings.NewReader(stored), nil); err != nil {
		return "", fmt.Errorf("inflate stored text: %w", err)
	}
	gb, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("inflate stored text: %w", err)
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(gb)
	if err != nil {
		return "", fmt.Errorf("decode stored text: %w", err)
	}
	return string(text), nil
}
