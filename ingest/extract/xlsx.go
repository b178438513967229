package extract

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// xlsxWords names an XLSX workbook in messages.
var xlsxWords = catalog.Words{Chinese: "XLSX 表格", English: "The XLSX workbook"}

func init() { registerExtractor(FormatXLSX, extractXLSX) }

// extractXLSX reads a workbook with excelize: every sheet a page in the
// workbook's order, its name on the first line, rows as lines with cells
// separated, values as their number format shows them (excelize applies it),
// empty rows skipped. excelize trusts the zip headers, so every member is
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
	zr.Close()
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, 16<<20),
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
		if err := xlsxSheet(ctx, f, sheet, t); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", sheet, err)
		}
	}
	res := &Result{Extractor: "xlsx", Pages: t.pages()}
	if props, err := f.GetDocProps(); err == nil && props != nil {
		res.Title = props.Title
	}
	return res, nil
}

func xlsxSheet(ctx context.Context, f *excelize.File, sheet string, t *tableText) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("rows: %v: %w", err, errXLSXCorrupt())
	}
	defer rows.Close()
	labels := mergedDown(f, sheet)
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
		cells = withMergedLabels(cells, labels[n+1])
		if err := t.row(cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("rows: %v: %w", err, errXLSXCorrupt())
	}
	return nil
}

// maxMergedLabels bounds the cells mergedDown fills in one sheet.
const maxMergedLabels = 1 << 16

// mergedLabel is the value of a merged cell repeated in a row it covers.
type mergedLabel struct {
	col   int // 0-based
	value string
}

// mergedDown returns, per 1-based row, the values of cells merged down over
// several rows, for every row the merge covers after its first, in the
// merge's first column. A ledger (台账) merges a 区县's cell over the rows of
// its 街道 or years; Excel shows the label beside each of them, so each
// row's line in the text keeps it: "海曙区 | 12 | 8.6万人次", not
// "| 12 | 8.6万人次". Merges across columns only (a title over the table)
// are left as they are: repeating a title in every column helps no one.
func mergedDown(f *excelize.File, sheet string) map[int][]mergedLabel {
	merges, err := f.GetMergeCells(sheet)
	if err != nil || len(merges) == 0 {
		return nil
	}
	labels := map[int][]mergedLabel{}
	filled := 0
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		v := m.GetCellValue()
		if err1 != nil || err2 != nil || r2 <= r1 || v == "" {
			continue
		}
		for r := r1 + 1; r <= r2 && filled < maxMergedLabels; r++ {
			labels[r] = append(labels[r], mergedLabel{col: c1 - 1, value: v})
			filled++
		}
	}
	return labels
}

// withMergedLabels puts the labels of cells merged down into the row's
// empty cells, unless the row is empty: a blank row inside a merge stays
// out of the text.
func withMergedLabels(cells []string, labels []mergedLabel) []string {
	if len(labels) == 0 || strings.TrimSpace(strings.Join(cells, "")) == "" {
		return cells
	}
	for _, l := range labels {
		for len(cells) <= l.col {
			cells = append(cells, "")
		}
		if cells[l.col] == "" {
			cells[l.col] = l.value
		}
	}
	return cells
}

func errXLSXCorrupt() error {
	return newZipBudget(xlsxWords, Limits{}).errCorrupt()
}
