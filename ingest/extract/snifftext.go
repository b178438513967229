package extract

import (
	"bytes"
	"strings"

	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

var nameXMLSheet = words(" XML 电子表格 2003", "an XML Spreadsheet 2003")

// sniffText decides between HTML, CSV and plain text. Text is CSV when it is
// named .csv or .tsv, when it is named as a spreadsheet (.xls, .et: "Excel"
// exports that are text tables), or when a name says nothing about it (no
// extension, or an unknown one) and looksLikeCSV holds. A ".txt" is always
// text: a person who named it so reads it as text.
func sniffText(head []byte, ext string) kind {
	switch {
	case spreadsheet.LooksMHT(head) && ext != ".txt":
		return kind{class: classText, format: FormatHTML, name: nameHTML, mime: MIMEMHT}
	case strings.Contains(ext, "htm"):
		return kind{class: classText, format: FormatHTML, name: nameHTML}
	case spreadsheet.LooksXMLSpreadsheet(head) && ext != ".txt":
		// Excel 2003's XML Spreadsheet: extractXLS reads it. Told before
		// a web page, as spreadsheet.ReadWorkbook tells them: its cells'
		// rich text is html:B and html:Font, which may come early.
		return kind{class: classText, format: FormatXLS, name: nameXMLSheet}
	case spreadsheet.LooksHTML(head):
		return kind{class: classText, format: FormatHTML, name: nameHTML}
	}
	csvKind := kind{class: classText, format: FormatCSV, name: nameCSV}
	switch ext {
	case ".csv", ".tsv", ".xls", ".xlt", ".et", ".ett":
		return csvKind
	}
	if _, named := claims[ext]; !named && looksLikeCSV(head) {
		return csvKind
	}
	k := kind{class: classText, format: FormatTXT, name: words("纯文本", "plain text")}
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		k.mime = MIMETXT + "; charset=utf-8"
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		k.mime = MIMETXT + "; charset=utf-16le"
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		k.mime = MIMETXT + "; charset=utf-16be"
	default:
		if enc := spreadsheet.BOMlessUTF16Head(head); enc != "" {
			k.mime = MIMETXT + "; charset=" + enc
		}
	}
	return k
}

// looksLikeCSV reports text whose complete lines in the head (at least
// three) all hold the same non-zero number of commas outside double quotes,
// or all the same non-zero number of tabs. Chinese prose uses the full-width
// comma ",", so ASCII commas repeated line by line are a table.
func looksLikeCSV(head []byte) bool {
	text := string(head)
	if len(head) >= textSniffLen { // the last line may be cut
		if i := strings.LastIndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimRight(l, "\r"); strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 3 {
		return false
	}
	for _, sep := range []rune{',', '\t'} {
		want := countOutsideQuotes(lines[0], sep)
		same := want > 0
		for _, l := range lines[1:] {
			if !same {
				break
			}
			same = countOutsideQuotes(l, sep) == want
		}
		if same {
			return true
		}
	}
	return false
}

func countOutsideQuotes(line string, sep rune) int {
	n, quoted := 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			n++
		}
	}
	return n
}
