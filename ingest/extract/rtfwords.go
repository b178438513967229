package extract

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The vocabulary of the RTF reader: destinations it skips, control words
// that stand for characters, and the decoders of \'xx bytes.

// rtfSkipped are destinations whose content is not body text.
var rtfSkipped = map[string]bool{
	"colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"fldinst": true, "themedata": true, "colorschememapping": true, "datastore": true,
	"latentstyles": true, "listtable": true, "listoverridetable": true, "rsidtbl": true,
	"generator": true, "xmlnstbl": true, "mmathPr": true, "pgdsctbl": true, "filetbl": true,
	"revtbl": true, "nonshppict": true, "header": true, "headerl": true, "headerr": true,
	"headerf": true, "footer": true, "footerl": true, "footerr": true, "footerf": true,
	"bkmkstart": true, "bkmkend": true, "shpinst": true, "listtext": true, "pntext": true,
	"protusertbl": true, "userprops": true, "xe": true, "tc": true,
}

// rtfSymbols are control words that stand for a character.
var rtfSymbols = map[string]string{
	"par": paraBreak, "line": "\n", "tab": " ", "row": rowBreak,
	"emdash": "—", "endash": "–", "emspace": " ", "enspace": " ", "bullet": "•",
	"lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
}

// codePage returns the decoder of a Windows code page; unknown ones are read
// as Windows-1252.
func codePage(cp int) encoding.Encoding {
	switch cp {
	case 936, 54936:
		return simplifiedchinese.GB18030 // a superset of GBK
	case 950:
		return traditionalchinese.Big5
	case 65001:
		return encoding.Nop
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	}
	return charmap.Windows1252
}

// charsetEncoding maps a font's \fcharset to its decoder; nil for charsets
// that take the document's code page.
func charsetEncoding(cs int) encoding.Encoding {
	switch cs {
	case 134: // GB2312
		return simplifiedchinese.GB18030
	case 136: // Big5
		return traditionalchinese.Big5
	case 238:
		return charmap.Windows1250
	case 204:
		return charmap.Windows1251
	}
	return nil
}
