package fields

import (
	"regexp"
	"strings"
)

// docNumberPattern finds 文号-like strings in prepared text: a Han prefix,
// the year in any of the brackets people and OCR use, the serial number
// and 号. The prefix is cut to the document's own abbreviation by
// cleanPrefix.
var docNumberPattern = regexp.MustCompile(`(\p{Han}{1,24})[〔\[【(﹝〖]((?:19|20)\d{2})[〕\]】)﹞〗](第?\d{1,4})号`)

// docNumbers is docNumberPattern around its opening bracket: 24 Han
// characters of at most 4 bytes before it; after it at most the bracket,
// the year, the closing bracket, 第, four digits and 号, which a bracket
// with no 号 after it in that span starts none of.
var docNumbers = anchored{re: docNumberPattern, anchors: "〔[【(﹝〖", before: 24 * 4, after: 3 + 4 + 3 + 3 + 4 + 3, needs: "号"}

// DocNumberSpans returns where each 文号 of s starts and ends, in bytes,
// from the opening bracket of its year to its 号 (〔2017〕15号 of
// 杭教成〔2017〕15号, [2018]12号 of 杭政办发[2018]12号): s width-folded,
// its brackets any of those the 文号 reader takes. The year and serial of a
// 文号 name a document; a statement that cites one states no figure by them.
func DocNumberSpans(s string) [][2]int {
	var out [][2]int
	for _, m := range docNumbers.findAll(s) {
		out = append(out, [2]int{m[3], m[1]})
	}
	return out
}

// ownDocNumber returns the document's own 文号 from the head of its first
// page, its year in 〔〕 and as head writes it (Field.Written), and the
// byte offsets where it starts and ends in head (-1, -1 when it has
// none).
// Its own 文号 stands under the masthead, before the body starts (the
// first "。"); a 文号 in brackets, after a 《…》 title, after 根据/按照… or
// before 文件/精神/以下简称… is a citation of another document, wherever
// it stands (cited).
func ownDocNumber(head string) (f Field, start, end int) {
	bodyStart := strings.Index(head, "。")
	if bodyStart < 0 {
		bodyStart = len(head)
	}
	start, end = -1, -1
	// each, not findAll: the body after its start is not looked through.
	docNumbers.each(head, func(m []int) bool {
		if m[0] > bodyStart {
			return false
		}
		prefix := cleanPrefix(head[m[2]:m[3]])
		if prefix == "" {
			return true
		}
		at := m[3] - len(prefix)
		if cited(head[:at], head[m[1]:]) {
			return true
		}
		num := prefix + "〔" + head[m[4]:m[5]] + "〕" + head[m[6]:m[7]] + "号"
		f = Field{Value: num, Source: SourceHead}
		if written := head[at:m[1]]; written != num {
			f.Written = written
		}
		start, end = at, m[1]
		return false
	})
	return f, start, end
}

// cleanPrefix cuts the Han run before a 文号's year to the issuing body's
// abbreviation: after a masthead's "文件"; when still long, after the
// last name of a body or end of a title run into it that leaves an
// abbreviation of three to seven characters ("杭州市教育局杭教职成" →
// "杭教职成", "…评选的通知甬教职成" → "甬教职成"; two only when nothing
// longer is left); "" when nothing plausible is left.
func cleanPrefix(p string) string {
	if i := strings.LastIndex(p, "文件"); i >= 0 {
		p = p[i+len("文件"):]
	}
	if i := strings.LastIndex(p, "签发人"); i >= 0 {
		p = p[:i]
	}
	// A title run into its 文号 whose Han run began after the title's
	// digits or its 《…》 ("…第12期简报杭教", "2018年工作要点杭教",
	// "…》的通知杭教职成") is cut after its last word however short what
	// is left; otherwise a short run is an abbreviation, which may hold
	// such a word (杭规划资源发).
	if ends := titleEnds(p); len(ends) > 0 && strings.ContainsAny(firstRune(p), "期年号的") {
		if last := ends[len(ends)-1]; last[0] > 0 {
			if n := runeLen(p[last[1]:]); n >= 2 && n <= 7 {
				p = p[last[1]:]
			}
		}
	}
	if runeLen(p) > 7 {
		best, bestLen := -1, 0
		for _, c := range cutPoints(p) {
			n := runeLen(p[c:])
			better := n >= 3 && (bestLen < 3 || c > best) || n == 2 && bestLen < 3 && c > best
			if n >= 2 && n <= 7 && better {
				best, bestLen = c, n
			}
		}
		if best > 0 {
			p = p[best:]
		}
	}
	if n := runeLen(p); n == 0 || n > 7 {
		return ""
	}
	return p
}

// cutPoints are the byte offsets in s just after the name of a body or a
// title's last word.
func cutPoints(s string) []int {
	var out []int
	for _, e := range issuerEnds {
		for i := 0; ; {
			j := strings.Index(s[i:], e)
			if j < 0 {
				break
			}
			i += j + len(e)
			out = append(out, i)
		}
	}
	for _, m := range titleEnds(s) {
		out = append(out, m[1])
	}
	return out
}

// firstRune is s's first character, "" when s is empty.
func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}
