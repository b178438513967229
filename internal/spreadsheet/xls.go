package spreadsheet

import (
	"bytes"
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Departments in China still save tables as Excel 97–2003 workbooks
// (.xls), and WPS 表格 saves its own .et, which is the same format. The
// library that reads them can panic, loop and take gigabytes on a crafted
// file, and an import runs in the server: so the server never reads such
// a file itself, it asks an XLSReader, which reads it in the extraction
// sandbox's child (extract.Sandbox.ReadXLS). What comes back goes through
// the same steps as an XLSX sheet: its bounds checked again, its merged
// ranges filled, and then the same heading and row logic.

// Sheet is the first sheet of a workbook as an XLSReader reads it.
type Sheet struct {
	// Name is the sheet's name.
	Name string `json:"name"`
	// Records are its rows as ReadFirstSheet gives an XLSX's: record i is
	// the sheet's row i+1, an empty row is empty, empty cells before a
	// row's last value are kept and those after it dropped, and each cell
	// is the text Excel shows (numbers and dates in their format, a
	// formula by its last computed result). Merged ranges are not filled.
	Records [][]string `json:"records"`
	// Merges are its merged ranges.
	Merges []Merge `json:"merges,omitempty"`
}

// Merge is a merged range of cells, its rows and columns 0-based and
// inclusive.
type Merge struct {
	Top    int `json:"top"`
	Left   int `json:"left"`
	Bottom int `json:"bottom"`
	Right  int `json:"right"`
}

// XLSReader reads the first sheet of an Excel 97–2003 workbook (.xls) or a
// WPS spreadsheet (.et) outside the server's process.
//
// ReadXLS returns at most maxRows records and MaxColumns cells a record; a
// row past maxRows that holds something is ErrTooManyRows, a workbook
// without a sheet ErrNoSheet. Every other refusal (a damaged or encrypted
// file, one too large or too slow to read, a reader that ran out of
// memory) is a *catalog.Error saying what to do, EINVALID or ETOOLARGE,
// or EUNAVAILABLE when the server cannot start a reader just now. It may
// be called from several goroutines at once; data is only read.
type XLSReader interface {
	ReadXLS(ctx context.Context, data []byte, maxRows int) (*Sheet, error)
}

// oleMagic starts every OLE compound file: Excel 97–2003 and WPS
// workbooks, and Word 97–2003 documents too.
var oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

// IsOLE reports whether data is an OLE compound file, as an .xls or .et
// workbook is.
func IsOLE(data []byte) bool {
	return bytes.HasPrefix(data, oleMagic)
}

// ReadWorkbook returns the name and the rows of the first sheet of data as
// ReadFirstSheet does, whether data is an XLSX workbook, an Excel
// 97–2003 or WPS (.et) one, or what offices send as "Excel" besides:
// Excel 2003's XML Spreadsheet (ReadXMLSpreadsheet), a web page's table
// (ReadHTMLTable), also inside a single-file web page (MHT, its first
// page holding a table), or comma- or tab-separated text (ReadDelimited). The content tells them apart, not a file's name (a
// department's .xls is often an XLSX renamed, an HTML table or text
// exported by a government system, and the other way round). An
// Excel 97–2003 workbook is read by xls; when xls is nil it is refused
// with a message saying to save it as .xlsx. Errors are those of
// ReadFirstSheet, XLSReader, ReadXMLSpreadsheet, ReadHTMLTable and
// ReadDelimited.
func ReadWorkbook(ctx context.Context, data []byte, maxRows int, xls XLSReader) (string, [][]string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK")):
		return ReadFirstSheet(data, maxRows)
	case LooksXMLSpreadsheet(data):
		sheets, err := ReadXMLSpreadsheet(ctx, data, 1, maxRows)
		if err != nil {
			return "", nil, err
		}
		if len(sheets) == 0 {
			return "", nil, ErrNoSheet
		}
		records, err := sheetRecords(&sheets[0], maxRows)
		return sheets[0].Name, records, err
	case LooksMHT(data):
		return readMHTTable(ctx, data, maxRows)
	case LooksHTML(data):
		return ReadHTMLTable(ctx, data, maxRows)
	case !IsOLE(data) && looksDelimited(data):
		records, err := ReadDelimited(data, maxRows)
		return "", records, err
	case !IsOLE(data):
		return ReadFirstSheet(data, maxRows)
	}
	if xls == nil {
		return "", nil, catalog.Errorf(catalog.EINVALID, "这里不能读取 Excel 97–2003 表格（.xls/.et）；请用 Excel 或 WPS 另存为 .xlsx 后再导入")
	}
	sheet, err := xls.ReadXLS(ctx, data, maxRows)
	if err != nil {
		return "", nil, err
	}
	records, err := sheetRecords(sheet, maxRows)
	return sheet.Name, records, err
}

// sheetRecords holds what an XLSReader returned to the bounds of an XLSX
// sheet (a reader in another process is trusted no further than the file
// it read) and fills its merged ranges.
func sheetRecords(sheet *Sheet, maxRows int) ([][]string, error) {
	if len(sheet.Records) > maxRows {
		return nil, ErrTooManyRows
	}
	for i, rec := range sheet.Records {
		if len(rec) > MaxColumns {
			return nil, catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", i+1, MaxColumns)
		}
	}
	if len(sheet.Merges) > maxMerges {
		return nil, catalog.Errorf(catalog.EINVALID, "表格的合并单元格超过 %d 处；请取消合并后再导入", maxMerges)
	}
	merges := make([]span, 0, len(sheet.Merges))
	for _, m := range sheet.Merges {
		if m.Top >= 0 && m.Left >= 0 && m.Bottom >= m.Top && m.Right >= m.Left {
			merges = append(merges, span{top: m.Top, left: m.Left, bottom: m.Bottom, right: m.Right})
		}
	}
	if err := fillMerges(sheet.Records, merges); err != nil {
		return nil, err
	}
	return sheet.Records, nil
}
