package extract

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// xlsxWords names an XLSX workbook in messages.
var xlsxWords = catalog.Words{Chinese: "XLSX 表格", English: "The XLSX workbook"}

func init() { registerExtractor(FormatXLSX, extractXLSX) }

// extractXLSX reads a workbook with excelize: every sheet a page in the
// workbook's order, its name on the first line, rows as lines with cells
// separated, values as their number format shows them (excelize applies it),
// empty rows skipped; a date in one of the Chinese built-in formats (27–36,
// 50–58), which Excel and WPS in China store by number alone, reads as
// the date it shows (2024年3月1日), not as its serial number. excelize trusts the zip headers, so every member is
// inflated once first against Limits.MaxUnzipped; rows are streamed and the
// cells visited are capped, so a sheet that declares a huge dimension or
// holds a million empty rows costs no more than maxTableCells.
func extractXLSX(ctx context.Context, path string, lim Limits) (*Result, error) {
	z := newZipBudget(xlsxWords, lim)
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open zip: %v: %w", err, z.errCorrupt())
	}
	err = z.inflateAll(ctx, &zr.Reader)
	var merges map[string][]mergeRange
	if err == nil {
		merges, err = xlsxMerges(ctx, &zr.Reader)
		if errors.Is(err, errXMLTooDeep) {
			err = fmt.Errorf("%v: %w", err, errNestedTooDeep(xlsxWords))
		}
	}
	zr.Close()
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, 16<<20),
		CultureInfo:       excelize.CultureNameZhCN,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, fmt.Errorf("open workbook: %v: %w", err, errEncrypted())
		}
		return nil, fmt.Errorf("open workbook: %v: %w", err, z.errCorrupt())
	}
	defer f.Close()

	t := newTableText(lim)
	for _, sheet := range f.GetSheetList() {
		t.startPage(sheet)
		if err := xlsxSheet(ctx, f, sheet, merges[sheet], t); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", sheet, err)
		}
	}
	res := &Result{Extractor: "xlsx", Pages: t.pages()}
	if props, err := f.GetDocProps(); err == nil && props != nil {
		res.Title = props.Title
	}
	return res, nil
}

func xlsxSheet(ctx context.Context, f *excelize.File, sheet string, merges []mergeRange, t *tableText) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("rows: %v: %w", err, errXLSXCorrupt())
	}
	defer rows.Close()
	fill := newMergeFill(merges)
	for n := 0; rows.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("row %d: %v: %w", n+1, err, errXLSXCorrupt())
		}
		cells = fill.row(n, cells)
		if err := t.row(cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("rows: %v: %w", err, errXLSXCorrupt())
	}
	return nil
}

func errXLSXCorrupt() error {
	return newZipBudget(xlsxWords, Limits{}).errCorrupt()
}
