package packs

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// ManifestName is the manifest's path in a pack.
const ManifestName = "manifest.csv"

// manifestHeader is the manifest's first row.
var manifestHeader = []string{"path", "sha256", "document_id", "title", "doc_number", "indicators"}

// utf8BOM starts the manifest so that spreadsheet programs read it as UTF-8.
const utf8BOM = "\ufeff"

// Entry is one file of a pack as the manifest lists it.
type Entry struct {
	Path       string
	SHA256     string
	DocumentID string
	Title      string
	DocNumber  string
	// Indicators are the key indicators the document backs (empty for the
	// report and the README).
	Indicators []string
}

// writeManifest writes the entries as CSV with the BOM and header.
func writeManifest(w io.Writer, entries []Entry) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(manifestHeader)
	for _, e := range entries {
		cw.Write([]string{e.Path, e.SHA256, e.DocumentID, neutralise(e.Title), neutralise(e.DocNumber),
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

// ReadManifest parses a manifest: the header must be the manifest's, every
// row must name a path and a 64-digit SHA-256, and no path may repeat.
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
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(manifestHeader, ",") {
		return nil, unreadable("manifest.csv's header should be %s", "manifest.csv 的表头应为 %s", strings.Join(manifestHeader, ","))
	}
	var out []Entry
	seen := map[string]bool{}
	for i, row := range rows[1:] {
		if len(row) != len(manifestHeader) || row[0] == "" || !isSHA256(row[1]) {
			return nil, unreadable("row %d of manifest.csv is malformed: it should have 6 columns, its sha256 64 hexadecimal digits",
				"manifest.csv 第 %d 行格式不对\uFF1A应有 6 列\uFF0C且 sha256 为 64 位十六进制", i+2)
		}
		if seen[row[0]] {
			return nil, unreadable("row %d of manifest.csv: the path %s comes twice", "manifest.csv 第 %d 行\uFF1A路径 %s 重复", i+2, row[0])
		}
		seen[row[0]] = true
		e := Entry{Path: row[0], SHA256: strings.ToLower(row[1]), DocumentID: row[2], Title: row[3], DocNumber: row[4]}
		if row[5] != "" {
			e.Indicators = strings.Split(row[5], ";")
		}
		out = append(out, e)
	}
	return out, nil
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
