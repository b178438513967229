// Package xmlpart reads the XML parts of zip-packaged documents (DOCX,
// XLSX, ODT, OFD) as streams within a bound on how deeply their elements
// nest, and finds an XLSX's workbook and sheets as excelize finds them.
// The document extractor (ingest/extract) and the spreadsheet import
// (internal/spreadsheet) both hand such parts to decoders that hold every
// open element, so both check them here first: one bound, one message.
package xmlpart

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/lcmonitor/evidence/catalog"
)

// MaxDepth is how deeply the elements of one XML part may nest. Word,
// WPS, Excel and the OFD and ODF writers nest a few dozen levels at most
// (libxml2, which LibreOffice reads them with, stops at 256 by default);
// a decoder that keeps the open elements (encoding/xml's Token, and so
// excelize) spends seconds and a GiB on a crafted part of millions of
// nested elements (a 55 MB DOCX of 5 million <w:p>, 81 KB zipped, took
// a reading child 20 s and a GiB before this bound).
const MaxDepth = 10_000

// ErrTooDeep is the error for a part nested past MaxDepth; TooDeep words
// it for a person.
var ErrTooDeep = errors.New("xml nested too deep")

// Depth follows how deeply the elements of a token stream nest.
type Depth struct{ open int }

// See counts tok, and returns ErrTooDeep (with where, at offset) once the
// open elements pass MaxDepth.
func (d *Depth) See(tok xml.Token, offset int64) error {
	switch tok.(type) {
	case xml.StartElement:
		if d.open++; d.open > MaxDepth {
			return fmt.Errorf("element %d levels deep at byte %d: %w", d.open, offset, ErrTooDeep)
		}
	case xml.EndElement:
		d.open = max(d.open-1, 0)
	}
	return nil
}

// TooDeep is the refusal of a file (what names it: "XLSX 表格", "The XLSX
// workbook") one of whose parts nests past MaxDepth.
func TooDeep(what catalog.Words) error {
	return catalog.Errorf(catalog.EINVALID, "%s的 XML 结构嵌套超过 %d 层（正常文件不会如此），已停止处理；请用原软件打开检查，重新导出后上传", what, MaxDepth)
}

// Scan gives the raw tokens of the XML in r (namespaces unresolved,
// prefixed SpreadsheetML counts too) to visit, if not nil, reading in
// the encoding the XML declares (encoding="GBK"), as excelize reads it.
// It returns visit's first error, or ErrTooDeep past MaxDepth, and nil
// when the XML ends or breaks (its reader judges broken XML) or ctx ends
// (the caller looks at ctx). RawToken keeps no stack of open elements,
// so the scan costs nothing however deep they go.
func Scan(ctx context.Context, r io.Reader, visit func(xml.Token) error) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var depth Depth
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		if err := depth.See(tok, d.InputOffset()); err != nil {
			return err
		}
		if visit != nil {
			if err := visit(tok); err != nil {
				return err
			}
		}
	}
}

// ScanMember is Scan of zip member m; a member that cannot be opened, or
// none, is no error here.
func ScanMember(ctx context.Context, m *zip.File, visit func(xml.Token) error) error {
	if m == nil {
		return nil
	}
	rc, err := m.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	return Scan(ctx, rc, visit)
}

// IsXMLMember says whether a zip member holds XML, by its name.
func IsXMLMember(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") || strings.HasSuffix(name, ".vml")
}

// IsSharedStrings says whether the zip member name is the part excelize
// (v2.11) decodes as an XLSX workbook's shared strings: xl/sharedStrings.xml
// in any case, Windows separators taken for slashes (its ReadZipReader).
// It finds the table by that name alone, not by the workbook's relation
// (…/relationships/sharedStrings): a table named otherwise is never
// decoded, and its cells read as empty.
func IsSharedStrings(name string) bool {
	return strings.EqualFold(strings.ReplaceAll(name, `\`, "/"), "xl/sharedStrings.xml")
}

// Sheet is a sheet of an XLSX workbook: its name, and its member (nil when
// its relation leads nowhere).
type Sheet struct {
	Name   string
	Member *zip.File
}

// XLSXSheets finds an XLSX's workbook as excelize does (the package's
// officeDocument relation, xl/workbook.xml without one), whatever its name
// ends in, and its sheets in order through the workbook's relations. Parts
// that cannot be read give no sheets; the workbook is nil when missing.
func XLSXSheets(ctx context.Context, zr *zip.Reader) (workbook *zip.File, sheets []Sheet) {
	members := map[string]*zip.File{}
	for _, f := range zr.File {
		members[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	member := func(name string) *zip.File { return members[strings.ToLower(name)] }
	book := "xl/workbook.xml"
	for _, r := range partRels(ctx, member("_rels/.rels"), "") {
		if strings.HasSuffix(r.kind, "/officeDocument") {
			book = r.target
		}
	}
	targets := map[string]string{}
	for _, r := range partRels(ctx, member(path.Join(path.Dir(book), "_rels", path.Base(book)+".rels")), book) {
		targets[r.id] = r.target
	}
	workbook = member(book)
	_ = ScanMember(ctx, workbook, func(tok xml.Token) error {
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "sheet" {
			sheets = append(sheets, Sheet{Name: attr(e, "name"), Member: member(targets[attr(e, "id")])})
		}
		return nil
	})
	return workbook, sheets
}

type partRel struct{ id, kind, target string }

// partRels reads a relationships part of the part at source ("" for the
// package's own): each target resolved to a member name as excelize
// does (absolute from the package root when it starts with a slash, else
// from source's folder; Windows separators taken for slashes).
func partRels(ctx context.Context, m *zip.File, source string) []partRel {
	var rels []partRel
	_ = ScanMember(ctx, m, func(tok xml.Token) error {
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "Relationship" {
			return nil
		}
		r := partRel{id: attr(e, "Id"), kind: attr(e, "Type"), target: strings.ReplaceAll(attr(e, "Target"), `\`, "/")}
		if strings.HasPrefix(r.target, "/") {
			r.target = path.Clean(r.target[1:])
		} else {
			r.target = path.Join(path.Dir(source), r.target)
		}
		rels = append(rels, r)
		return nil
	})
	return rels
}

// attr is the value of e's attribute of that local name, "" without one.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
