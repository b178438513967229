package extract

import (
	"context"
	"errors"
	"os"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// extractTXT reads a plain text file. The encoding is detected, never
// assumed; a form feed starts a new page.
func extractTXT(ctx context.Context, path string, lim Limits) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readTXT(ctx, f, lim)
}

// readTXT is extractTXT of a file open at its start.
func readTXT(ctx context.Context, f *os.File, lim Limits) (*Result, error) {
	// Decoding can at most double the size (UTF-16 ASCII), so a file over
	// twice the text limit can never fit.
	data, err := readCappedFile(f, 2*lim.MaxTextBytes, func() error { return errTextTooLarge(lim.MaxTextBytes) })
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	if int64(len(text)) > lim.MaxTextBytes {
		return nil, errTextTooLarge(lim.MaxTextBytes)
	}
	text = strings.TrimSuffix(text, "\f") // a final form feed ends the last page
	return &Result{Extractor: "txt", Pages: strings.Split(text, "\f"), Encoding: enc}, nil
}

// decodeText is spreadsheet.DecodeText, its ErrEncoding worded for an
// upload.
func decodeText(data []byte) (text, encoding string, err error) {
	text, encoding, err = spreadsheet.DecodeText(data)
	if errors.Is(err, spreadsheet.ErrEncoding) {
		return "", "", errEncoding()
	}
	return text, encoding, err
}

func errEncoding() error {
	return catalog.Errorf(catalog.EINVALID, "文本编码无法识别：既不是 UTF-8 也不是 GB18030/GBK；请另存为 UTF-8 后重新上传")
}
