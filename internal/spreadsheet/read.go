package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// Bounds on an XLSX that an import reads in the server process. A few
// kilobytes of XLSX can declare a cell in the last of 16,384 columns on
// every row, or inflate to gigabytes; a table a person imports is neither.
const (
	// MaxUnzipped bounds the members of an XLSX together, inflated.
	MaxUnzipped = 128 << 20
	// MaxColumns bounds the columns of a row read.
	MaxColumns = 256
	// xmlInMemory is the largest sheet or shared-string table held in
	// memory whole; larger ones are read from a temporary file.
	xmlInMemory = 4 << 20
)

// Errors of ReadFirstSheet that each import words in its own terms.
var (
	// ErrNotXLSX means the bytes are no XLSX workbook.
	ErrNotXLSX = errors.New("spreadsheet: not an xlsx workbook")
	// ErrNoSheet means the workbook has no sheet.
	ErrNoSheet = errors.New("spreadsheet: no sheet")
	// ErrUnreadable means the first sheet could not be read.
	ErrUnreadable = errors.New("spreadsheet: sheet unreadable")
	// ErrTooManyRows means a row past maxRows holds something.
	ErrTooManyRows = errors.New("spreadsheet: too many rows")
)

// ReadFirstSheet returns the name and the rows of the first sheet of the
// XLSX data, as excelize's GetRows would (record i is the sheet's row
// i+1, empty rows empty, trailing empty cells dropped), without reading
// more than maxRows rows or MaxColumns columns and within MaxUnzipped.
// Past those bounds it returns ErrTooManyRows or a *catalog.Error saying
// what to do; the other errors are those declared above.
func ReadFirstSheet(data []byte, maxRows int) (string, [][]string, error) {
	merges, err := checkUnzipped(data, maxRows)
	if err != nil {
		return "", nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: xmlInMemory,
		// the Chinese built-in formats (27–36, 50–58: 2018年3月31日), which
		// Excel and WPS in China store by number alone, read as dates
		CultureInfo: excelize.CultureNameZhCN})
	if err != nil {
		return "", nil, ErrNotXLSX
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", nil, ErrNoSheet
	}
	records, err := readRows(f, sheets[0], maxRows)
	if err == nil {
		err = fillMerges(records, merges)
	}
	return sheets[0], records, err
}

func readRows(f *excelize.File, sheet string, maxRows int) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, ErrUnreadable
	}
	defer rows.Close()
	var records [][]string
	for n := 1; rows.Next(); n++ {
		row, err := rows.Columns()
		if err != nil {
			return nil, ErrUnreadable
		}
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		switch {
		case len(row) == 0:
			continue
		case n > maxRows:
			return nil, ErrTooManyRows
		case len(row) > MaxColumns:
			return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", n, MaxColumns)
		}
		for len(records) < n-1 {
			records = append(records, nil)
		}
		records = append(records, row)
	}
	if rows.Error() != nil {
		return nil, ErrUnreadable
	}
	return records, nil
}

// checkUnzipped refuses a zip whose members declare more than MaxUnzipped
// together (archive/zip holds each member to its declared size), or whose
// XML prescan refuses.
func checkUnzipped(data []byte, maxRows int) ([]span, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, ErrNotXLSX
	}
	var total uint64
	for _, m := range zr.File {
		if m.UncompressedSize64 > MaxUnzipped-total {
			return nil, catalog.Errorf(catalog.ETOOLARGE, "XLSX 文件解压后超过 %d MiB；请只保留需要导入的工作表和列，另存后再导入", MaxUnzipped>>20)
		}
		total += m.UncompressedSize64
	}
	return prescan(zr, maxRows)
}
