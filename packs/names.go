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

// safeTitle is a title as a file name can have it on every system the
// pack is opened on: the characters Windows refuses in a name (\ / : * ?
// " < > |), a comma (README.txt's check without the archive cuts
// manifest.csv at commas, and a quoted path would not survive it) and
// control and format characters (a line break would split a manifest
// line, a bidi override would disguise the extension) become
// one underscore, and so does a dot (the name's one dot is before its
// extension: 通知.exe in a title never reads as the file's type), and everything else stays as the title writes it, so
// 2017—2019 and 〈〉 are not turned into _. A title longer than
// maxTitleRunes is cut at a character boundary, and a bracket the cut
// leaves open is dropped with what follows it (…三年行动计划（2017—2019
// becomes …三年行动计划), so the name never reads as the title cut short
// inside a bracket. Dots, spaces, hyphens and underscores at either end
// go: the name follows the document's id and precedes its extension.
func safeTitle(title string) string {
	var out []rune
	under, cut := false, false
	for _, r := range title {
		if len(out) >= maxTitleRunes {
			cut = true
			break
		}
		if strings.ContainsRune(`\/:*?"<>|.,`, r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			if !under && len(out) > 0 {
				out = append(out, '_')
				under = true
			}
			continue
		}
		out, under = append(out, r), false
	}
	if cut {
		out = closeBrackets(out)
	}
	return strings.Trim(string(out), "_-. ")
}

// brackets are the pairs a title opens and closes, by their opener.
var brackets = map[rune]rune{'(': ')', '（': '）', '〔': '〕', '《': '》', '【': '】', '〈': '〉', '[': ']', '［': '］',
	'「': '」', '『': '』', '“': '”', '‘': '’'}

// closeBrackets drops from a cut title the first bracket left open and
// everything after it.
func closeBrackets(title []rune) []rune {
	var open []int // where the brackets still open were opened
	for i, r := range title {
		if _, ok := brackets[r]; ok {
			open = append(open, i)
		} else if len(open) > 0 && brackets[title[open[len(open)-1]]] == r {
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return title
	}
	return title[:open[0]]
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
