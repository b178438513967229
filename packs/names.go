package packs

import (
	"path"
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// maxTitleRunes bounds the title part of a file name in the pack, so that
// names stay well inside the limits of file systems and unzip tools.
const maxTitleRunes = 40

// originalPath is where a document's original goes in the pack: its id
// (unique), its title reduced to safe characters, and its extension.
func originalPath(d *catalog.Document) string {
	name := d.ID
	if t := safeTitle(d.Title); t != "" {
		name += "-" + t
	}
	return "originals/" + name + "." + extension(d)
}

// safeTitle keeps letters, numbers and a few brackets of a title (numbers,
// not only digits: 〇 of 二〇一八年度 is a letterlike number, category Nl);
// anything else (separators, dots, spaces, commas, control characters)
// becomes one underscore, so the result can never climb out of its folder or split a
// manifest line.
func safeTitle(title string) string {
	var b strings.Builder
	n, under := 0, false
	for _, r := range title {
		if n >= maxTitleRunes {
			break
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) || strings.ContainsRune("-_()（）〔〕《》【】", r) {
			b.WriteRune(r)
			n, under = n+1, false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			n, under = n+1, true
		}
	}
	return strings.Trim(b.String(), "_-")
}

// extension is the document's own extension when it is short and plain,
// else its format's name, else "bin".
func extension(d *catalog.Document) string {
	for _, e := range []string{strings.TrimPrefix(strings.ToLower(path.Ext(d.Filename)), "."), strings.ToLower(d.Format)} {
		if plainExt(e) {
			return e
		}
	}
	return "bin"
}

func plainExt(e string) bool {
	if e == "" || len(e) > 8 {
		return false
	}
	for _, r := range e {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// compressed are formats that are compressed already; they are stored in
// the pack as they are rather than deflated a second time.
var compressed = map[string]bool{"pdf": true, "docx": true, "xlsx": true, "pptx": true, "odt": true, "ofd": true,
	"jpg": true, "jpeg": true, "png": true, "zip": true}
