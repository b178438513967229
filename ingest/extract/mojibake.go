package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A ledger many offices hand in was made by opening a UTF-8 CSV in Excel
// as "ANSI" (Windows-1252 on an English or a misconfigured system) and
// saving it as .xls: every Chinese character became the three Latin
// letters and signs of its UTF-8 bytes (2018年社区教育 → 2018å¹´ç¤¾åŒºæ•™è‚²),
// and the cells store that. The bytes are all still there, so the text is
// mended by turning each such run back into its bytes and reading them as
// UTF-8 (repairMojibake). When the round trip fails (a byte lost to "?"
// on a save), the text is marked SourceGarbled: kept and indexed, but
// neither trusted for fields nor shown as sound.

// mojibakeReaders are the readers whose text is taken from the file's
// cells or lines as they are, where such mojibake is stored as text: a
// PDF's or a page's mojibake is a font's, which isGarbled catches.
var mojibakeReaders = map[string]bool{"txt": true, "csv": true, "xls": true, "xlsx": true, "xmlss": true}

// cp1252Byte returns the Windows-1252 byte r was decoded from, reading
// the bytes 1252 defines no character for (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// as Windows gives them, U+0080–U+009F, and as LibreOffice does, U+F180–
// U+F19F (台, E5 8F B0, was å\uF18F° in a ledger it saved).
func cp1252Byte(r rune) (byte, bool) {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return byte(r), true
	case r >= 0xf180 && r <= 0xf19f:
		return byte(r - 0xf100), true
	}
	b, ok := charmap.Windows1252.EncodeRune(r)
	return b, ok && b >= 0x80
}

// repairMojibake turns each run of Windows-1252 letters and signs that
// holds UTF-8 bytes of Han text back into that text. mended says whether
// any run was turned (turned); garbled whether a run looked like such mojibake
// (three or more lead-byte letters followed by continuation bytes) but
// did not turn back into valid UTF-8 with Han characters.
func repairMojibake(s string) (out string, turned, garbled bool) {
	if !hasHighLatin(s) {
		return s, false, false
	}
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		i := strings.IndexFunc(s, isMojibakeRune)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		n, raw := mojibakeRun(s)
		if fixed, ok := decodedHan(raw); ok {
			b.WriteString(fixed)
			turned = true
		} else {
			if leadPairs(s[:n]) >= 3 {
				garbled = true
			}
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String(), turned, garbled
}

// hasHighLatin says whether s holds any rune of Latin-1 or Windows-1252's
// upper half: the cheap test that leaves Chinese and ASCII text alone.
func hasHighLatin(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r <= 0xff || r > 0xff && (r < 0x2200 || r >= 0xf180 && r <= 0xf19f) && isMojibakeRune(r) {
			return true
		}
	}
	return false
}

func isMojibakeRune(r rune) bool {
	_, ok := cp1252Byte(r)
	return ok
}

// mojibakeRun returns the length in bytes of the run that starts s, made
// of Windows-1252 upper-half runes and the ASCII between them (UTF-8 text
// holds ASCII as it is), and the run's bytes as Windows-1252. ASCII after
// the run's last upper-half rune is left to the text after it.
func mojibakeRun(s string) (n int, raw []byte) {
	kept := 0 // len(raw) up to the last upper-half rune
	for i, r := range s {
		if r < utf8.RuneSelf {
			raw = append(raw, byte(r))
			continue
		}
		c, ok := cp1252Byte(r)
		if !ok {
			break
		}
		raw = append(raw, c)
		n, kept = i+utf8.RuneLen(r), len(raw)
	}
	return n, raw[:kept]
}

// decodedHan reads raw as UTF-8 and returns it when it is valid and holds
// a Han character: the mark of a Chinese text read as Windows-1252, which
// Latin text of that code page never turns into.
func decodedHan(raw []byte) (string, bool) {
	if !utf8.Valid(raw) {
		return "", false
	}
	s := string(raw)
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return s, true
		}
	}
	return "", false
}

// leadPairs counts the places in s where a letter standing for a UTF-8
// lead byte of a Han character (à–ï, 0xE0–0xEF) is followed by one
// standing for a continuation byte (0x80–0xBF).
func leadPairs(s string) int {
	n := 0
	var prev rune
	for _, r := range s {
		if prev >= 0xe0 && prev <= 0xef {
			if c, ok := cp1252Byte(r); ok && c <= 0xbf {
				n++
			}
		}
		prev = r
	}
	return n
}

// mendMojibake repairs the mojibake of each of res's pages and marks a
// page whose mojibake cannot be undone SourceGarbled.
func mendMojibake(res *Result) {
	for i, p := range res.Pages {
		fixed, _, garbled := repairMojibake(p)
		res.Pages[i] = fixed
		if !garbled {
			continue
		}
		if res.PageSources == nil {
			res.PageSources = make([]string, len(res.Pages))
			for j := range res.PageSources {
				res.PageSources[j] = SourceText
			}
		}
		res.PageSources[i] = SourceGarbled
	}
}
