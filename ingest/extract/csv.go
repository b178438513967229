package extract

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

func init() { registerExtractor(FormatCSV, extractCSV) }

// extractCSV reads a comma-, tab- or semicolon-separated table as one page:
// rows as lines, cells separated, empty rows skipped. The encoding is
// detected as for text files (UTF-8 with or without BOM, UTF-16 with BOM,
// GB18030/GBK); the separator is the one of the three that occurs most in
// the first lines outside quotes. Quotes are read leniently (LazyQuotes), so
// a stray quote in a cell costs nothing, and rows may have different
// lengths.
func extractCSV(ctx context.Context, path string, lim Limits) (*Result, error) {
	data, err := readCapped(path, 2*lim.MaxTextBytes, func() error { return errTextTooLarge(lim.MaxTextBytes) })
	if err != nil {
		return nil, err
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = csvSeparator(text)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t := newTableText(lim)
	t.startPage("")
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read csv: %v: %w", err, catalog.Errorf(catalog.EINVALID, "CSV 表格格式有误,无法读取;请用 Excel 或 WPS 打开后另存为 XLSX 再上传"))
		}
		if err := t.row(rec); err != nil {
			return nil, err
		}
	}
	return &Result{Extractor: "csv", Pages: t.pages(), Encoding: enc}, nil
}

// csvSeparator picks ',', '\t' or ';' by their count outside double
// quotes in the first lines that hold anything (a title row, as a
// government system's export has before its heading, holds none);
// ',' when none occurs.
func csvSeparator(text string) rune {
	counts := map[rune]int{}
	lines := 0
	for line := range strings.Lines(text[:min(len(text), 64<<10)]) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		quoted := false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case !quoted && (c == ',' || c == '\t' || c == ';'):
				counts[c]++
			}
		}
		if lines++; lines == 10 {
			break
		}
	}
	best := ','
	for _, c := range []rune{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
