package extract

import (
	"strings"
	"unicode"
)

// joinFullWidthPunct takes out the one space tesseract's chi_sim sets
// beside a full-width punctuation mark (时间 ：2018年, 联系人 ： 王老师):
// a full-width mark takes a character's width of its own and Chinese
// sets no space beside it. Normalize keeps the space, since it folds ：
// to ASCII ':' first and a ':' is not CJK, so the stored text read
// 时间 :2018年 and the page showed 时间 ：2018年. Two spaces are a table's
// columns (lineText) and stay, as does a space at a line's ends.
func joinFullWidthPunct(line string) string {
	if !strings.Contains(line, " ") || !strings.ContainsFunc(line, isFullWidthPunct) {
		return line
	}
	rs := []rune(line)
	var b strings.Builder
	b.Grow(len(line))
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && rs[i-1] != ' ' && rs[i+1] != ' ' &&
			(isFullWidthPunct(rs[i-1]) || isFullWidthPunct(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isFullWidthPunct reports a CJK punctuation mark (、。《》〔〕) or a
// full-width form of one (：；，（）！？).
func isFullWidthPunct(r rune) bool {
	return unicode.IsPunct(r) && (r >= 0x3001 && r <= 0x303f || r >= 0xff01 && r <= 0xff65)
}
