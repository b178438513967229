package extract

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdftotext and tesseract give lines without their type sizes, so the
// rule that sets a 公文's title apart by its larger type (flattenPDFLines)
// cannot apply to them, and Normalize, which joins the lines of a wrapped
// phrase, glued the title to the 文号 above it and the addressees below it
// (杭教职成〔2024〕7号杭州市…的通知各区、县…) in snippets, phrase searches and
// fields. breakLayoutLines ends a paragraph where a 公文's layout does,
// told by the lines themselves:
//
//   - a 文号 line (某政发〔2024〕12号) is a paragraph of its own;
//   - the addressee line (各区、县（市）教育局：) begins one and ends it;
//   - a line short of the page's body width that ends a sentence (。！？；：)
//     ends its paragraph; one that does not stays joined to the next,
//     since a table's cell wraps its phrases at short lines (全民终身学 /
//     习活动周): a break stops a phrase search across it, and a phrase
//     missed is worse than a title glued to what follows;
//   - a title's last line (…的通知) and a list of addressees below it;
//   - where OCR knows where a line stands, a centred line (a title) and
//     the lines that are not centred are paragraphs apart, and a 文号
//     line OCR misread (杭政办发 [2018] DE) is a paragraph of its own;
//   - a heading line (一、…, （一）…, 第二章…) begins a paragraph after a
//     line that ends a sentence, after a heading line and after a line
//     short of half the body: a heading never continues a line of prose
//     that went on (to the line's end, with no sentence ended);
//   - a signature block, the issuing bodies' names on lines of their own
//     above a 成文日期 on a line of its own (杭州市教育局 / 2023年5月6日), is a
//     paragraph a line, set apart from the last paragraph above it
//     (…名单杭州市教育局2023年5月6日, as Normalize had glued them) unless
//     that ends on a full line with no sentence ended (a wrapped line
//     runs on into the next whatever it is) and from what follows.
//
// A title wrapped over two lines keeps its lines together: its first
// line, in larger type, is not much shorter than the body's.

// layoutLine is one line of a page as a reader without type sizes gives
// it: its text, its extent across the page (left to right: character
// columns for pdftotext, a Han character counting two, every line
// starting at 0 since pdftotext does not say where a line stands; pixels
// for OCR, which does).
type layoutLine struct {
	text        string
	left, right float64
}

func (l layoutLine) width() float64 { return l.right - l.left }

// shortLine is the share of the body width under which a line ends its
// paragraph, and fullLine the share a full line reaches (a line ending a
// sentence short of it ends its paragraph too). A 公文's title in 2号
// type fills about 0.75 of a line of 3号 body text (policy.pdf's 0.57),
// so a title wrapped over two lines stays one paragraph; the last line of
// a paragraph between the two that ends in no sentence's punctuation is
// still joined to the next, as before.
const (
	shortLine = 0.5
	fullLine  = 0.9
)

// minFullLines is how many lines must be as wide as the body width: a
// page of fewer has no body width to measure lines against.
const minFullLines = 3

// centredMargin is the share of the body width each margin of a centred
// line must leave at least, and centredSkew how far the two may differ.
const (
	centredMargin = 0.08
	centredSkew   = 0.06
)

// textColumns is the width of s in character columns: a Han character or
// a full-width sign two, anything else one.
func textColumns(s string) float64 {
	n := 0.0
	for _, r := range s {
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// textLayoutLines are the lines of s (pdftotext's text of a page) with
// their width in columns.
func textLayoutLines(s string) []layoutLine {
	var out []layoutLine
	for _, l := range strings.Split(s, "\n") {
		out = append(out, layoutLine{text: l, right: textColumns(strings.TrimSpace(l))})
	}
	return out
}

// breakPdftotextPages are pages of pdftotext's text with an empty line
// where a 公文's layout ends a paragraph (breakLayoutLines), the body
// width measured on each page: a page in smaller type (an appendix's
// 填表说明, a landscape table) has wider lines in columns, and measured
// against them every line of the other pages would count as short. Only
// a page of fewer than minFullLines lines (a last page of a few lines)
// is measured against the whole document's. The empty lines pdftotext
// wrote are kept.
func breakPdftotextPages(pages []string) []string {
	lines := make([][]layoutLine, len(pages))
	var all []layoutLine
	for i, p := range pages {
		lines[i] = textLayoutLines(p)
		all = append(all, lines[i]...)
	}
	doc := layoutPage{}
	doc.body, doc.left, doc.right = bodyWidth(all)
	out := make([]string, len(pages))
	for i := range pages {
		pg := layoutPage{}
		if pg.body, pg.left, pg.right = bodyWidth(lines[i]); pg.body <= 0 {
			pg = doc
		}
		out[i] = pg.join(lines[i])
	}
	return out
}

// breakLayoutLines joins lines with "\n", or with "\n\n" where a 公文's
// layout ends a paragraph; placed says the lines' left edges are known
// (OCR), so that centred lines can be told.
func breakLayoutLines(lines []layoutLine, placed bool) string {
	pg := layoutPage{placed: placed}
	pg.body, pg.left, pg.right = bodyWidth(lines)
	if placed && pg.body > 0 {
		pg.left, pg.right = columnEdges(lines, pg.body)
	}
	return pg.join(lines)
}

// columnTolerance is the share of the body width within which the left
// edges of lines count as one.
const columnTolerance = 0.01

// columnEdges are the left and right edges of the text's column, which a
// table wider than the column does not stretch: the left edge most lines
// start at (a paragraph's lines after its first), the right one the
// furthest those lines reach. When two left edges are as common, which
// is the column's is in doubt: -1 and -1, and no line is centred.
func columnEdges(lines []layoutLine, body float64) (left, right float64) {
	tol := columnTolerance * body
	near := func(x float64) int {
		n := 0
		for _, l := range lines {
			if strings.TrimSpace(l.text) != "" && math.Abs(l.left-x) <= tol {
				n++
			}
		}
		return n
	}
	best, lo, hi := 0, 0.0, 0.0
	for _, l := range lines {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		switch n := near(l.left); {
		case n > best:
			best, lo, hi = n, l.left, l.left
		case n == best:
			lo, hi = min(lo, l.left), max(hi, l.left)
		}
	}
	if best == 0 || hi-lo > 2*tol {
		return -1, -1
	}
	left, right = lo, 0
	for _, l := range lines {
		if strings.TrimSpace(l.text) != "" && math.Abs(l.left-lo) <= 2*tol {
			left, right = min(left, l.left), max(right, l.right)
		}
	}
	return left, right
}

// join joins lines with "\n", or "\n\n" where a paragraph ends.
func (pg layoutPage) join(lines []layoutLine) string {
	roles := pg.signatures(lines)
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
			if pg.paragraphEnds(lines[i-1], l) || pg.signatureBreak(lines[i-1], roles[i-1], roles[i]) {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// layoutPage is what breakLayoutLines knows of a page: the width of its
// body's full lines (0 when it has none to tell), the left and right
// edges of its text, and whether lines are placed (OCR) or only measured.
type layoutPage struct {
	body, left, right float64
	placed            bool
}

// paragraphEnds reports whether the line break between prev and next
// ends a paragraph: by the 文号, addressee and short-line rules, and, for
// placed lines, where a centred line meets one that is not.
func (pg layoutPage) paragraphEnds(prev, next layoutLine) bool {
	p, n := squeezed(prev.text), squeezed(next.text)
	if p == "" || n == "" {
		return false // an empty line already ends the paragraph
	}
	if layoutBreak(p, n, prev.width(), pg.body) {
		return true
	}
	if pg.placed && pg.body > 0 && (pg.misreadDocNumber(p, prev) || pg.misreadDocNumber(n, next)) {
		return true
	}
	return pg.placed && pg.body > 0 && pg.centred(prev) != pg.centred(next)
}

// bodyWidth is the width of a full line of the page's body: that of the
// minFullLines-th widest line, so that a speck OCR read at the paper's
// edge or a line run into the next column does not stretch it; 0 when
// the page has fewer lines. left and right are the edges of the text,
// those of the lines as wide as the body (a speck beside them is no
// margin of the page).
func bodyWidth(lines []layoutLine) (width, left, right float64) {
	var widths []float64
	for _, l := range lines {
		if strings.TrimSpace(l.text) != "" {
			widths = append(widths, l.width())
		}
	}
	if len(widths) < minFullLines {
		return 0, 0, 0
	}
	slices.Sort(widths)
	width = widths[len(widths)-minFullLines]
	left, right = -1, 0
	for _, l := range lines {
		if strings.TrimSpace(l.text) == "" || l.width() < width {
			continue
		}
		if left < 0 || l.left < left {
			left = l.left
		}
		right = max(right, l.right)
	}
	if width <= 0 {
		return 0, 0, 0
	}
	return width, left, right
}

// layoutBreak reports whether the line break between the lines p (of
// width prevWidth) and n ends a paragraph by the 文号, addressee and
// short-line rules; body is the body width, 0 when unknown.
func layoutBreak(p, n string, prevWidth, body float64) bool {
	notFull := body <= 0 || prevWidth < fullLine*body
	last, _ := utf8.DecodeLastRuneInString(p)
	// A line short of the body ends its paragraph only where it ends a
	// sentence: the lines of a table's cell are all short, and a phrase
	// wrapped in a cell (全民终身学 / 习活动周) must stay whole.
	short := body > 0 && notFull && endsSentence(last)
	switch {
	case isDocNumberLine(p) || isDocNumberLine(n):
		return true
	case isAddresseeLine(p) && (notFull || strings.HasPrefix(p, "各")):
		// A full line that ends with a colon may be wrapped there.
		return true
	case isAddresseeLine(n) && !strings.HasSuffix(p, "，") && !strings.HasSuffix(p, ",") && !strings.HasSuffix(p, "、") &&
		(notFull && (strings.HasPrefix(n, "各") || body > 0) || isAddresseeList(n)):
		// A list of addressees wrapped over lines stays one paragraph. A
		// full line runs on into the next even when that starts with 各
		// (…和推进 / 各类学习成果…通知如下：), unless the next lists
		// addressees below a title that fills its line.
		return true
	case notFull && titleEnd.MatchString(p) && isAddresseeList(n) && strings.ContainsAny(n[len(n)-3:], "，,：:"):
		// A title's last line above a list of addressees wrapped over
		// lines (各省、自治区…，/ 新疆生产建设兵团教育局：).
		return true
	case startsHeading(n) && (endsSentence(last) || isHeading(p)):
		// A heading after a sentence's end or another heading. Not after
		// a line that merely stopped short: a table cell's lines are all
		// short, and a cell wrapped before a list of numbers (中小学校 /
		// 一、二年级, 每年 / 三、四月份) must stay one phrase.
		return true
	}
	return short
}

// endsSentence reports whether a line ending in r ends a sentence.
func endsSentence(r rune) bool { return strings.ContainsRune("。！？；：!?;:", r) }

// startsHeading reports a line that begins with a heading's number (一、,
// （一）, 第二章: headingMarker).
func startsHeading(s string) bool {
	marker, _ := headingMarker(s)
	return marker != ""
}

// squeezed is s without its spaces (OCR's between words, pdftotext's
// around digits).
func squeezed(s string) string { return strings.Join(strings.Fields(s), "") }

// titleEnd is the end of a 公文's title: the kind of document it is.
var titleEnd = regexp.MustCompile(`(通知|意见|决定|办法|方案|通报|报告|请示|批复|函|规定|公告|纪要|规划|要点)$`)

// docNumberLine is a line that is a 文号 alone: an organ's abbreviation,
// the year in brackets (any of those OCR and fonts give), the number and
// 号; spaces (pdftotext's and OCR's around digits) are taken out first.
var docNumberLine = regexp.MustCompile(`^\p{Han}{1,12}[〔［\[（(【﹝]((19|20)\d\d)[〕］\]）)】﹞]第?\d{1,5}号$`)

func isDocNumberLine(s string) bool {
	if len(s) > 80 {
		return false
	}
	return docNumberLine.MatchString(squeezed(s))
}

// misreadDocNumber is a 文号 line OCR misread (杭政办发 [2018] DE for
// 杭政办发〔2018〕12号): an organ's abbreviation and the year in
// brackets, then at most a few signs that are not Han, on a line shorter
// than shortLine of the body; pdftotext's exact text needs no such leeway.
var misreadDocNumber = regexp.MustCompile(`^\p{Han}{1,12}[〔［\[（(【﹝〈<]((19|20)\d\d)[〕］\]）)】﹞〉>][^\p{Han}]{1,4}号?$`)

func (pg layoutPage) misreadDocNumber(s string, l layoutLine) bool {
	return l.width() < shortLine*pg.body && misreadDocNumber.MatchString(s)
}

// isAddresseeList reports an addressee line that lists its addressees
// (各区、县（市）人民政府，市政府各部门：): it starts with 各, separates them
// with 、 or ，, and introduces nothing (…通知如下：).
func isAddresseeList(s string) bool {
	s = squeezed(s)
	return strings.HasPrefix(s, "各") && strings.ContainsAny(s, "、，,") && !strings.Contains(s, "如下")
}

// maxAddresseeRunes is the longest addressee line taken: a list of
// addressees wrapped over lines ends in a line no longer than a line.
const maxAddresseeRunes = 40

// isAddresseeLine reports a line that ends with a colon and holds no end
// of a sentence: the addressees of a 公文 (各区、县（市）教育局：), or a
// line that introduces what follows (现将有关事项通知如下：), which ends its
// paragraph too.
func isAddresseeLine(s string) bool {
	s = squeezed(s) // OCR's spaces between words
	if utf8.RuneCountInString(s) > maxAddresseeRunes || !(strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":")) {
		return false
	}
	return !strings.ContainsAny(s, "。；！？;!?")
}

// centred reports whether l, narrower than a full line, stands in the
// middle of the text's column, leaving a margin on both sides.
func (pg layoutPage) centred(l layoutLine) bool {
	if pg.right <= pg.left || l.width() >= fullLine*pg.body {
		return false // no column told, or a line as wide as the body
	}
	lm, rm := l.left-pg.left, pg.right-l.right
	return lm >= centredMargin*pg.body && rm >= centredMargin*pg.body && math.Abs(lm-rm) <= centredSkew*pg.body
}
