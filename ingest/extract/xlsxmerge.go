package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"
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
	members := map[string]*zip.File{}
	for _, f := range zr.File {
		members[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	member := func(name string) *zip.File { return members[strings.ToLower(name)] }
	workbook := "xl/workbook.xml"
	for _, r := range partRels(ctx, member("_rels/.rels"), "") {
		if strings.HasSuffix(r.kind, "/officeDocument") {
			workbook = r.target
		}
	}
	targets := map[string]string{}
	for _, r := range partRels(ctx, member(path.Join(path.Dir(workbook), "_rels", path.Base(workbook)+".rels")), workbook) {
		targets[r.id] = r.target
	}
	merges := map[string][]mergeRange{}
	scanned := map[*zip.File]bool{}
	wb := member(workbook)
	for _, s := range workbookSheets(ctx, wb) {
		if ctx.Err() != nil {
			return merges, nil
		}
		if m := member(targets[s.rel]); m != nil && !scanned[m] {
			ranges, err := sheetMergeRanges(ctx, m)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			merges[s.name] = ranges
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
		if scanned[f] || !isXMLMember(f.Name) && f != wb {
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

type workbookSheet struct{ name, rel string }

// workbookSheets lists the <sheet name r:id> of xl/workbook.xml.
func workbookSheets(ctx context.Context, m *zip.File) []workbookSheet {
	var sheets []workbookSheet
	_ = eachStart(ctx, m, func(e xml.StartElement) bool {
		if e.Name.Local == "sheet" {
			var s workbookSheet
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "name":
					s.name = a.Value
				case "id":
					s.rel = a.Value
				}
			}
			sheets = append(sheets, s)
		}
		return true
	})
	return sheets
}

type partRel struct{ id, kind, target string }

// partRels reads a relationships part of the part at source ("" for the
// package's own): each target resolved to a member name as excelize
// does (absolute from the package root when it starts with a slash, else
// from source's folder; Windows separators taken for slashes).
func partRels(ctx context.Context, m *zip.File, source string) []partRel {
	var rels []partRel
	_ = eachStart(ctx, m, func(e xml.StartElement) bool {
		if e.Name.Local == "Relationship" {
			var r partRel
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "Id":
					r.id = a.Value
				case "Type":
					r.kind = a.Value
				case "Target":
					r.target = strings.ReplaceAll(a.Value, `\`, "/")
				}
			}
			if strings.HasPrefix(r.target, "/") {
				r.target = path.Clean(r.target[1:])
			} else {
				r.target = path.Join(path.Dir(source), r.target)
			}
			rels = append(rels, r)
		}
		return true
	})
	return rels
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
	if m == nil {
		return nil
	}
	rc, err := m.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = false
	// A part declaring another encoding (encoding="GBK") is read in it,
	// as excelize reads it: without, the decoder stopped at the
	// declaration, and the part went to excelize unscanned, however
	// deep it nested.
	d.CharsetReader = charset.NewReaderLabel
	depth := 0
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		// RawToken keeps no stack of open elements, so counting them
		// costs nothing however deep they go.
		tok, err := d.RawToken()
		if err != nil { // io.EOF or XML that breaks: the merges read so far
			return nil
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return fmt.Errorf("element %d levels deep at byte %d: %w", depth, d.InputOffset(), errXMLTooDeep)
			}
			if visit != nil && !visit(e) {
				visit = nil
			}
		case xml.EndElement:
			depth = max(depth-1, 0)
		}
	}
}
