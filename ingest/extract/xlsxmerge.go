package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/xmlpart"
)

// xlsxMerges reads the merged ranges of every worksheet of an XLSX from its
// XML as a stream, by sheet name, at most maxMergedRanges ranges a sheet.
// excelize's GetMergeCells loads the whole worksheet as structs and pads
// every row out to its last cell: a 17 KB ledger with a stray cell in
// column XFD on 240 rows took 720 MB and 11 s that way. A workbook whose
// parts cannot be read here has no merges: the labels are a help to the
// reader, and excelize decides whether the sheet itself is readable. The
// failures it returns are an XML part (a sheet, the shared strings, any
// other) nested past maxXMLDepth (errXMLTooDeep): excelize's decoder would
// hold every open element of it; and a shared-string table of more than
// maxSharedStrings that holds more strings than the sheets' cells use.
func xlsxMerges(ctx context.Context, zr *zip.Reader) (map[string][]mergeRange, error) {
	wb, sheets := xmlpart.XLSXSheets(ctx, zr)
	merges := map[string][]mergeRange{}
	scanned := map[*zip.File]bool{}
	// The cells of the sheets excelize reads that show a shared string.
	stringCells := 0
	for _, s := range sheets {
		if ctx.Err() != nil {
			return merges, nil
		}
		if m := s.Member; m != nil && !scanned[m] {
			ranges, err := sheetMergeRanges(ctx, m, &stringCells)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			merges[s.Name] = ranges
			scanned[m] = true
		}
	}
	// The workbook's other XML parts are decoded whole by excelize too
	// (the shared strings, the styles, the workbook and its relations,
	// the properties), with the same stack of open elements: nested past
	// the bound, each is refused as a sheet is. A sheet was scanned above;
	// the workbook is read by the name its relation gives, whatever it ends
	// in.
	for _, f := range zr.File {
		if scanned[f] || !xmlpart.IsXMLMember(f.Name) && f != wb {
			continue
		}
		if ctx.Err() != nil {
			return merges, nil
		}
		var count func(xml.StartElement) bool
		strs := 0
		// By the name excelize reads it by: xl\sharedStrings.xml, as
		// a zip made on Windows may name it, escaped the bound.
		if xmlpart.IsSharedStrings(f.Name) {
			count = countSharedStrings(&strs)
		}
		if err := eachStart(ctx, f, count); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		if strs > maxSharedStrings && strs > stringCells {
			return nil, fmt.Errorf("%s: %d strings for %d cells: %w", f.Name, strs, stringCells, errTooManySharedStrings())
		}
	}
	return merges, nil
}

// maxSharedStrings bounds the strings of a workbook's shared-string table
// that its cells do not use. excelize reads every one of them (decoded one
// by one and written to a temporary file) at the first text cell, however
// few cells use them: a crafted table of a million strings and one cell
// (153 KB zipped) cost 9.9 CPU-s, a minute of a reading child on a busy
// server. A table its cells use is read, as the cells are, within
// maxTableCells: a ledger of 200,000 people has more than this many
// strings of names, addresses and ID numbers, and its text, stored whole
// and cited past what the index keeps, was refused (review s58). A
// variable, lowered by tests.
var maxSharedStrings = 500_000

// countSharedStrings is a visitor of xl/sharedStrings.xml that counts its
// strings in *n.
func countSharedStrings(n *int) func(xml.StartElement) bool {
	return func(e xml.StartElement) bool {
		if e.Name.Local == "si" {
			*n++
		}
		return true
	}
}

func errTooManySharedStrings() error {
	return catalog.Errorf(catalog.ETOOLARGE, "XLSX 表格的文字表超过 %d 条上限（可能是异常文件），已停止处理；请删除不需要的工作表或拆分后上传", maxSharedStrings)
}

// sheetMergeRanges reads the <mergeCell ref="A2:A5"/> of a worksheet,
// and adds to *stringCells its cells that show a shared string (t="s").
func sheetMergeRanges(ctx context.Context, m *zip.File, stringCells *int) ([]mergeRange, error) {
	var ranges []mergeRange
	err := eachStart(ctx, m, func(e xml.StartElement) bool {
		if e.Name.Local == "c" {
			for _, a := range e.Attr {
				if a.Name.Local == "t" && a.Value == "s" {
					*stringCells++
				}
			}
			return true
		}
		if e.Name.Local != "mergeCell" || len(ranges) >= maxMergedRanges {
			return true
		}
		for _, a := range e.Attr {
			if a.Name.Local != "ref" {
				continue
			}
			from, to, ok := strings.Cut(a.Value, ":")
			if !ok {
				continue
			}
			c1, r1, err1 := excelize.CellNameToCoordinates(from)
			c2, r2, err2 := excelize.CellNameToCoordinates(to)
			if err1 == nil && err2 == nil {
				ranges = append(ranges, mergeRange{firstRow: r1 - 1, lastRow: r2 - 1, firstCol: c1 - 1, lastCol: c2 - 1})
			}
		}
		return true
	})
	return ranges, err
}

// eachStart gives the start elements of member m to visit, without
// resolving namespaces (prefixed SpreadsheetML, x:mergeCell, counts too),
// until visit says to stop, the XML ends or breaks, or ctx ends (a sheet
// of 90 MB takes seconds). It reads on to the end all the same, to see
// how deep the elements nest: nested past maxXMLDepth is errXMLTooDeep,
// and no other failure is returned.
func eachStart(ctx context.Context, m *zip.File, visit func(xml.StartElement) bool) error {
	return xmlpart.ScanMember(ctx, m, func(tok xml.Token) error {
		if e, ok := tok.(xml.StartElement); ok && visit != nil && !visit(e) {
			visit = nil
		}
		return nil
	})
}
