package spreadsheet

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/xmlpart"
)

// Bounds checked on the XML of an XLSX before excelize reads it: excelize
// loads the style sheet whole as structs once a styled number is
// formatted (25 million <xf/> in 180 KiB of zip took 9 GB), and pads
// each row it reads out to its last cell (a cell in column XFD on each of
// 20,000 rows took 40 s and 22 GB of allocation), so sizes and widths are
// measured on the XML as a stream first.
const (
	maxStylesXML  = 8 << 20  // xl/styles.xml, inflated
	maxStringsXML = 64 << 20 // xl/sharedStrings.xml, inflated
	maxStrings    = 1 << 20  // shared strings (<si>)
	// maxUnusedStrings bounds the shared strings past those the sheets'
	// cells show. excelize decodes the whole table at the first text
	// cell, whatever the cells use: a crafted table of a million strings
	// and one cell (153 KB zipped) took ≈ 10 CPU-s of the server to
	// import. Excel and WPS keep only the strings their cells use, so a
	// real table, however many rows, is within the rule, whatever the
	// bound; the bound spares tables written by programs that leave a
	// few strings unused, and keeps what a crafted one costs to ≈ 1
	// CPU-s. The extractor's rule (ingest/extract, maxSharedStrings),
	// counted over the sheets the prescan measures.
	maxUnusedStrings = 100_000
	// maxPaddedCells bounds the cells excelize would make of a sheet's
	// rows, each padded out to its last cell: ten thousand rows of
	// MaxColumns columns fit, a stray cell in column XFD on every row
	// does not.
	maxPaddedCells = 4 << 20
)

// prescan measures the members of an XLSX that excelize would hold whole
// or pad, and refuses those past the bounds above with a message a person
// can act on. A row past maxRows holding a value is ErrTooManyRows, as
// when the rows are read. Every XML part (and the workbook, whatever its
// name) is refused nested past xmlpart.MaxDepth, as the document
// extractor refuses it: excelize's decoder holds every open element (a
// cell nested 200,000 runs deep took 18 s to import). It returns the
// merged ranges of the first sheet, which is found as excelize finds it.
func prescan(zr *zip.Reader, maxRows int) ([]span, error) {
	ctx := context.Background()
	workbook, sheets := xmlpart.XLSXSheets(ctx, zr)
	var first *zip.File
	if len(sheets) > 0 {
		first = sheets[0].Member
	}
	var merges []span
	strs, stringCells := 0, 0
	for _, m := range zr.File {
		// As excelize reads the member (its ReadZipReader): Windows
		// separators taken for slashes. xl\styles.xml escaped the style
		// sheet's bound, and xl\sharedStrings.xml the shared strings'
		// (xmlpart.IsSharedStrings), and excelize read them whole.
		name := strings.ToLower(strings.ReplaceAll(m.Name, `\`, "/"))
		if !xmlpart.IsXMLMember(name) && m != workbook && m != first {
			continue
		}
		var visit func(xml.Token) error
		switch {
		case name == "xl/styles.xml" && m.UncompressedSize64 > maxStylesXML:
			return nil, catalog.Errorf(catalog.ETOOLARGE, "XLSX 文件的样式表过大（解压后超过 %d MiB）；请把数据复制到新建的工作簿（只粘贴数值）后再导入", maxStylesXML>>20)
		case name == "xl/sharedstrings.xml":
			if m.UncompressedSize64 > maxStringsXML {
				return nil, catalog.Errorf(catalog.ETOOLARGE, "XLSX 文件的文字表过大（解压后超过 %d MiB）；请只保留需要导入的工作表和列，另存后再导入", maxStringsXML>>20)
			}
			visit = countStrings(&strs)
		case m == first:
			measure, collect := measureSheet(maxRows, &stringCells), collectMerges(&merges)
			visit = func(tok xml.Token) error {
				if err := measure(tok); err != nil {
					return err
				}
				return collect(tok)
			}
		case strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml"):
			visit = measureSheet(maxRows, &stringCells)
		}
		err := xmlpart.ScanMember(ctx, m, visit)
		if errors.Is(err, xmlpart.ErrTooDeep) {
			return nil, fmt.Errorf("%s: %v: %w", m.Name, err, xmlpart.TooDeep(xlsxWords))
		}
		if err != nil {
			return nil, err
		}
	}
	if strs > maxUnusedStrings && strs > stringCells {
		return nil, catalog.Errorf(catalog.ETOOLARGE, "XLSX 文件的文字表有 %d 条文字，各工作表的单元格只用到 %d 个（正常文件不会如此，可能是异常文件），已停止处理；请把要导入的数据复制到新建的工作簿，另存后再导入", strs, stringCells)
	}
	return merges, nil
}

// xlsxWords names an XLSX workbook in messages.
var xlsxWords = catalog.Words{Chinese: "XLSX 文件", English: "The XLSX file"}

// countStrings counts a shared-string table's strings in *n and refuses
// more than maxStrings.
func countStrings(n *int) func(xml.Token) error {
	return func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			if *n++; *n > maxStrings {
				return catalog.Errorf(catalog.ETOOLARGE, "XLSX 文件的文字超过 %d 条；请只保留需要导入的工作表和列，另存后再导入", maxStrings)
			}
		}
		return nil
	}
}

// measureSheet follows a worksheet's rows and cells: a cell holding a value
// (<v>, <f>, <is>) past MaxColumns, a row past maxRows holding one, or
// rows whose widths add up past maxPaddedCells are refused. Its cells
// that show a shared string (t="s") are added to *stringCells.
func measureSheet(maxRows int, stringCells *int) func(xml.Token) error {
	row, col, width, padded := 0, 0, 0, 0
	inData := false // in sheetData: a conditional format's <xm:f> after it is no cell
	return func(tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok {
			ee, ok := tok.(xml.EndElement)
			switch {
			case ok && ee.Name.Local == "sheetData":
				inData = false
			case ok && ee.Name.Local == "row":
				if padded += width; padded > maxPaddedCells {
					return catalog.Errorf(catalog.EINVALID, "表格的行列过多（各行展开后超过 %d 个单元格，可能有很远的列中留有格式或空公式）；请只保留需要导入的列后再导入", maxPaddedCells)
				}
			}
			return nil
		}
		if se.Name.Local == "sheetData" {
			inData = true
		}
		if !inData {
			return nil
		}
		switch se.Name.Local {
		case "row":
			row, col, width = row+1, 0, 0
			if r, err := strconv.Atoi(attr(se, "r")); err == nil && r > 0 {
				row = r
			}
		case "c":
			if attr(se, "t") == "s" {
				*stringCells++
			}
			col++
			if c := columnOf(attr(se, "r")); c > 0 {
				col = c
			}
			width = max(width, col)
		case "v", "f", "is":
			switch {
			case col > MaxColumns:
				return catalog.Errorf(catalog.EINVALID, "表格第 %d 行超过 %d 列；请只保留需要导入的列后再导入", row, MaxColumns)
			case row > maxRows:
				return ErrTooManyRows
			}
		}
		return nil
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf is the column number of a cell reference (A1 → 1, XFD9 →
// 16384), 0 when ref has none.
func columnOf(ref string) int {
	n := 0
	for i := 0; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
	}
	return n
}
