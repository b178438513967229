package extract

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// Government systems export "Excel" as Excel 2003's XML Spreadsheet named
// .xls. It is told by its content (snifftext.go) as an Excel workbook, and
// extractOLE hands it here: read by spreadsheet.ReadXMLSpreadsheet, the
// reader a table import uses, within its bounds (no entity expanded,
// nesting, rows, columns, merges and cells bounded).

// xmlSheetRows bounds the rows of a sheet read as a document: Excel's own.
const xmlSheetRows = 1 << 20

// isXMLSpreadsheet reports whether the file at path starts as an XML
// Spreadsheet does.
func isXMLSpreadsheet(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, textSniffLen)
	n, _ := io.ReadFull(f, head)
	return spreadsheet.LooksXMLSpreadsheet(head[:n])
}

// extractXMLSpreadsheet reads every sheet of an XML Spreadsheet as a
// page, as extractXLS reads a workbook's: rows as lines, cells separated,
// a label merged down repeated in each row it covers.
func extractXMLSpreadsheet(ctx context.Context, path string, lim Limits) (*Result, error) {
	data, err := readCapped(path, lim.MaxUnzipped, func() error {
		return catalog.Errorf(catalog.ETOOLARGE, "XML 电子表格 2003 超过 %s 上限；请另存为 XLSX 或拆分后上传", formatBytes(lim.MaxUnzipped))
	})
	if err != nil {
		return nil, err
	}
	sheets, err := spreadsheet.ReadXMLSpreadsheet(ctx, data, spreadsheet.MaxXMLSheets, xmlSheetRows)
	if errors.Is(err, spreadsheet.ErrTooManyRows) {
		return nil, errTableTooLarge()
	}
	if err != nil {
		return nil, err
	}
	t := newTableText(lim)
	for _, s := range sheets {
		t.startPage(s.Name)
		merges := make([]mergeRange, len(s.Merges))
		for i, m := range s.Merges {
			merges[i] = mergeRange{firstRow: m.Top, lastRow: m.Bottom, firstCol: m.Left, lastCol: m.Right}
		}
		fill := newMergeFill(merges)
		for r, cells := range s.Records {
			if err := t.row(fill.row(r, cells)); err != nil {
				return nil, err
			}
		}
	}
	return &Result{Extractor: "xmlss", Pages: t.pages()}, nil
}
