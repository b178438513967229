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
//
// Chinese text puts — “” … ‘’ where a Latin word with an accent can meet
// them, and one letter à–ï with two such signs is the UTF-8 of one Han
// character: Café—— read back was Caf闗. So s is taken a cell at a time
// (between line breaks and cellSeparator), and a cell that holds a Han
// character is left alone: a text saved as mojibake is mojibake through
// and through, and a cell beside Chinese is a Latin word, not mojibake.
// And a run is turned only when it reads as two Han characters or more (6
// bytes or more of the upper half), unless another run of s did: a cell of
// one character (是, 否) of a ledger in mojibake is turned with the rest,
// a lone Café—— is not.
func repairMojibake(s string) (out string, turned, garbled bool) {
	if !hasHighLatin(s) {
		return s, false, false
	}
	out, turned, garbled = repairCells(s, 2)
	if turned {
		out, _, garbled = repairCells(s, 1)
	}
	return out, turned, garbled
}

// repairCells is repairMojibake turning runs that read as at least minHan
// Han characters.
func repairCells(s string, minHan int) (out string, turned, garbled bool) {
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		cell, sep := s, ""
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			cell, sep = s[:i], "\n"
		}
		if i := strings.Index(cell, cellSeparator); i >= 0 {
			cell, sep = cell[:i], cellSeparator
		}
		s = s[len(cell)+len(sep):]
		fixed, t, g := repairCell(cell, minHan)
		b.WriteString(fixed)
		b.WriteString(sep)
		turned, garbled = turned || t, garbled || g
	}
	return b.String(), turned, garbled
}

// repairCell turns the runs of one cell that read as minHan Han
// characters or more, unless the cell holds a Han character already.
func repairCell(s string, minHan int) (out string, turned, garbled bool) {
	if !hasHighLatin(s) || strings.IndexFunc(s, isHan) >= 0 {
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
		if fixed, han := decodedHan(raw); han >= minHan {
			b.WriteString(fixed)
			turned = true
		} else {
			if han == 0 && leadPairs(s[:n]) >= 3 {
				garbled = true
			}
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String(), turned, garbled
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

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

// decodedHan reads raw as UTF-8 and returns it with the number of its Han
// characters when it is valid (0 when it is not): Han characters are the
// mark of a Chinese text read as Windows-1252, which Latin text of that
// code page turns into only by chance, and hardly twice in a row.
func decodedHan(raw []byte) (string, int) {
	if !utf8.Valid(raw) {
		return "", 0
	}
	s := string(raw)
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return s, n
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
