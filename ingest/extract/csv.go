package extract

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

func init() { registerExtractor(FormatCSV, extractCSV) }

// extractCSV reads a comma-, tab- or semicolon-separated table as one page:
// rows as lines, cells separated, empty rows skipped. The encoding is
// detected as for text files (UTF-8 with or without BOM, UTF-16 with BOM,
// GB18030/GBK); the separator is spreadsheet.Separator's, as a table
// import chooses it. Tab-separated text is split on its tabs
// (spreadsheet.TabRecords), so a cell starting with a quote takes the
// lines after it only when Excel quoted it whole for its line breaks;
// commas and semicolons are read with lenient quotes
// (LazyQuotes), so a stray quote in a cell costs nothing, and rows may
// have different lengths.
func extractCSV(ctx context.Context, path string, lim Limits) (*Result, error) {
	data, err := readCapped(path, 2*lim.MaxTextBytes, func() error { return errTextTooLarge(lim.MaxTextBytes) })
	if err != nil {
		return nil, err
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	t := newTableText(lim)
	t.startPage("")
	sep := spreadsheet.Separator(text)
	if sep == '\t' {
		err = tabRows(ctx, text, t)
	} else {
		err = csvRows(ctx, text, sep, t)
	}
	if err != nil {
		return nil, err
	}
	return &Result{Extractor: "csv", Pages: t.pages(), Encoding: enc}, nil
}

// tabRows gives t the records of tab-separated text
// (spreadsheet.TabRecords).
func tabRows(ctx context.Context, text string, t *tableText) error {
	n := 0
	for rec := range spreadsheet.TabRecords(text) {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := t.row(rec); err != nil {
			return err
		}
	}
	return nil
}

// csvRows gives t the records of text separated by sep, quotes read
// leniently.
func csvRows(ctx context.Context, text string, sep rune, t *tableText) error {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read csv: %v: %w", err, catalog.Errorf(catalog.EINVALID, "CSV 表格格式有误，无法读取；请用 Excel 或 WPS 打开后另存为 XLSX 再上传"))
		}
		if err := t.row(rec); err != nil {
			return err
		}
	}
}
