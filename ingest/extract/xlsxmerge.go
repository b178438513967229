package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/internal/xmlpart"
)

// xlsxMerges reads the merged ranges of every worksheet of an XLSX from its
// XML as a stream, by sheet name, at most maxMergedRanges ranges a sheet.
// excelize's GetMergeCells loads the whole worksheet as structs and pads
// every row out to its last cell: a 17 KB ledger with a stray cell in
// column XFD on 240 rows took 720 MB and 11 s that way. A workbook whose
// parts cannot be read here has no merges: the labels are a help to the
// reader, and excelize decides whether the sheet itself is readable. The
// one failure it returns is an XML part (a sheet, the shared strings, any
// other) nested past maxXMLDepth (errXMLTooDeep): excelize's decoder would
// hold every open element of it.
func xlsxMerges(ctx context.Context, zr *zip.Reader) (map[string][]mergeRange, error) {
	wb, sheets := xmlpart.XLSXSheets(ctx, zr)
	merges := map[string][]mergeRange{}
	scanned := map[*zip.File]bool{}
	for _, s := range sheets {
		if ctx.Err() != nil {
			return merges, nil
		}
		if m := s.Member; m != nil && !scanned[m] {
			ranges, err := sheetMergeRanges(ctx, m)
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
		if err := eachStart(ctx, f, nil); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return merges, nil
}

// sheetMergeRanges reads the <mergeCell ref="A2:A5"/> of a worksheet.
func sheetMergeRanges(ctx context.Context, m *zip.File) ([]mergeRange, error) {
	var ranges []mergeRange
	err := eachStart(ctx, m, func(e xml.StartElement) bool {
		if e.Name.Local != "mergeCell" {
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
		return len(ranges) < maxMergedRanges
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
