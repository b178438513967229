package packs

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// ManifestName is the manifest's path in a pack.
const ManifestName = "manifest.csv"

// manifestHeader is the manifest's first row. doc_number holds the 文号
// alone, as a person would type it, and doc_number_source says where it
// came from, so that a guess is never read as fact and the 文号 can still
// be matched as written.
var manifestHeader = []string{"path", "sha256", "document_id", "title", "doc_number", "doc_number_source", "indicators"}

// oldManifestHeader is the header of a manifest written before
// doc_number_source: its doc_number cell ends in
// catalog.DocNumberGuessMark when the 文号 was a guess.
var oldManifestHeader = []string{"path", "sha256", "document_id", "title", "doc_number", "indicators"}

// utf8BOM starts the manifest so that spreadsheet programs read it as UTF-8.
const utf8BOM = "\ufeff"

// Entry is one file of a pack as the manifest lists it.
type Entry struct {
	Path       string
	SHA256     string
	DocumentID string
	Title      string
	// DocNumber is the 文号 alone, never with a mark after it.
	DocNumber string
	// DocNumberFrom says where DocNumber came from; DocNumberGuessed is a
	// guess for a person to check.
	DocNumberFrom DocNumberSource
	// Indicators are the key indicators the document backs (empty for the
	// report and the README).
	Indicators []string
}

// DocNumberSource is where an entry's 文号 came from, as the manifest's
// doc_number_source column says it.
type DocNumberSource int

const (
	// DocNumberNone is an entry without a 文号 (an empty cell).
	DocNumberNone DocNumberSource = iota
	// DocNumberTyped is a 文号 typed, or confirmed by an edit, by a person.
	DocNumberTyped
	// DocNumberRead is a 文号 read from the document's text as written.
	DocNumberRead
	// DocNumberGuessed is a 文号 inferred from what was read
	// (catalog.DocNumberGuess): to check, not fact.
	DocNumberGuessed
)

// docNumberSources are the words of the doc_number_source column in each
// language, by DocNumberSource; ReadManifest reads either.
var docNumberSources = map[DocNumberSource]catalog.Words{
	DocNumberTyped:   {Chinese: "填写", English: "typed"},
	DocNumberRead:    {Chinese: "自动识别", English: "auto-read"},
	DocNumberGuessed: {Chinese: "推断", English: "inferred"},
}

// docNumberSourceOf is where d's 文号 came from.
func docNumberSourceOf(d *catalog.Document) DocNumberSource {
	switch {
	case d.DocNumber == "":
		return DocNumberNone
	case catalog.DocNumberGuess(d).Chinese != "":
		return DocNumberGuessed
	case d.IsExtracted(catalog.FieldDocNumber):
		return DocNumberRead
	}
	return DocNumberTyped
}

// writeManifest writes the entries as CSV with the BOM and header, the
// source of each 文号 in lang.
func writeManifest(w io.Writer, entries []Entry, lang report.Lang) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(manifestHeader)
	for _, e := range entries {
		source := docNumberSources[e.DocNumberFrom].Chinese
		if lang == report.English {
			source = docNumberSources[e.DocNumberFrom].English
		}
		cw.Write([]string{e.Path, e.SHA256, e.DocumentID, neutralise(e.Title), neutralise(e.DocNumber), source,
			strings.Join(e.Indicators, ";")})
	}
	cw.Flush()
	return cw.Error()
}

// neutralise keeps a cell from being read as a formula by a spreadsheet
// that opens the manifest: a leading =, +, -, @, tab or carriage return
// gets an apostrophe in front.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ReadManifest parses a manifest: the header must be the manifest's (or
// that of one written before doc_number_source), every row must name a
// path and a 64-digit SHA-256, and no path may repeat. Each entry's
// DocNumber is the 文号 alone: an older manifest's guess mark is taken off
// it into DocNumberFrom.
func ReadManifest(r io.Reader) ([]Entry, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, unreadable("manifest.csv is not valid CSV: %w", "manifest.csv 不是有效的 CSV\uFF1A%w", err)
	}
	old := len(rows) > 0 && slices.Equal(rows[0], oldManifestHeader)
	if len(rows) == 0 || !old && !slices.Equal(rows[0], manifestHeader) {
		return nil, unreadable("manifest.csv's header should be %s", "manifest.csv 的表头应为 %s", strings.Join(manifestHeader, ","))
	}
	var out []Entry
	seen := map[string]bool{}
	for i, row := range rows[1:] {
		if len(row) != len(rows[0]) || row[0] == "" || !isSHA256(row[1]) {
			return nil, unreadable("row %d of manifest.csv is malformed: it should have %d columns, its sha256 64 hexadecimal digits",
				"manifest.csv 第 %d 行格式不对\uFF1A应有 %d 列\uFF0C且 sha256 为 64 位十六进制", i+2, len(rows[0]))
		}
		if seen[row[0]] {
			return nil, unreadable("row %d of manifest.csv: the path %s comes twice", "manifest.csv 第 %d 行\uFF1A路径 %s 重复", i+2, row[0])
		}
		seen[row[0]] = true
		e := Entry{Path: row[0], SHA256: strings.ToLower(row[1]), DocumentID: row[2], Title: row[3]}
		if old {
			// Before the column of its own, a guess was marked in the cell.
			row = slices.Insert(row, 5, "")
		}
		e.DocNumber, e.DocNumberFrom = readDocNumber(row[4], row[5])
		if row[6] != "" {
			e.Indicators = strings.Split(row[6], ";")
		}
		out = append(out, e)
	}
	return out, nil
}

// readDocNumber is the 文号 of a doc_number cell and where it came from
// by the doc_number_source cell: a cell of an older manifest ending in
// catalog.DocNumberGuessMark is a guess, the mark taken off; a 文号
// without a source is taken as typed, as nothing says otherwise.
func readDocNumber(number, source string) (string, DocNumberSource) {
	for _, mark := range []string{catalog.DocNumberGuessMark.Chinese, catalog.DocNumberGuessMark.English} {
		if n, ok := strings.CutSuffix(number, mark); ok && source == "" {
			return n, DocNumberGuessed
		}
	}
	for from, w := range docNumberSources {
		if source == w.Chinese || source == w.English {
			return number, from
		}
	}
	if number == "" {
		return "", DocNumberNone
	}
	return number, DocNumberTyped
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range strings.ToLower(s) {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}
