package extract

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// rarEntryName is the name of a RAR entry as rardecode gives it, in
// UTF-8. A RAR 5 name, and a RAR 4 name stored with its Unicode form,
// is UTF-8 already; a RAR 4 name without it is the bytes of the
// writer's code page, which for the archives handed in here is GBK
// (WinRAR 3 and 4 on Chinese Windows wrote no Unicode name for a name
// GBK holds). The rule: a name that is not valid UTF-8 is read as
// GB18030, the superset of GBK; a GBK name is seldom valid UTF-8.
//
// The name is decoded here, in the process that reads the archive, not
// by whoever receives the listing: a sandbox child sends it as JSON, in
// which bytes that are not UTF-8 become U+FFFD.
func rarEntryName(name string) string {
	if utf8.ValidString(name) {
		return name
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(gbkBackslashes([]byte(name)))
	if err != nil {
		return name // the caller's sanitizing drops what is not UTF-8
	}
	return string(s)
}

// gbkBackslashes undoes rardecode's reading of every '\' of a RAR 4 name
// as a folder's end ('/'): in GBK the second byte of a character may be
// 0x5c (誠 is d5 5c), and a '/' there was such a byte. A real separator
// never follows a character's first byte.
func gbkBackslashes(b []byte) []byte {
	for i := 0; i < len(b); {
		switch {
		case b[i] < 0x81 || b[i] == 0xff || i+1 == len(b):
			i++
		case b[i+1] >= '0' && b[i+1] <= '9':
			i += 4 // GB18030's four-byte characters: no '\' inside
		default:
			if b[i+1] == '/' {
				b[i+1] = '\\'
			}
			i += 2
		}
	}
	return b
}
