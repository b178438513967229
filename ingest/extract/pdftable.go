package extract

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// The library's plain text runs the cells of a table row together: a PDF
// draws each cell as its own text object and nothing between them is a
// character, so 海曙区, 36 and 12.3 came out as "海曙区36" and a search for
// a district's number found a token no one typed. The glyph positions show
// the columns. pdfTableText rebuilds a page from them when it holds a table
// (rows of cells whose starts line up), with cells separated by " | " and
// rows apart as spreadsheet and DOCX tables are, and keeps the plain text
// otherwise.

// Gaps, in units of the font size, between two glyphs on one line: past
// cellGapEm they are in different cells, past wordGapEm a space stands
// between them (a Latin word spaced by positioning, not by a space glyph).
const (
	cellGapEm = 0.7
	wordGapEm = 0.2
)

// maxLayoutGlyphs bounds the glyphs of a page laid out by position; a page
// with more is left as its plain text.
const maxLayoutGlyphs = 50_000

// maxCellRunes is the mean length of a row's cells above which the row is
// taken for prose in columns (a two-column page), not a table.
const maxCellRunes = 16

// Laying a page out by glyph position costs seven to ten times its plain
// text (the library decodes every glyph again; 27 times over the
// benchmark's LibreOffice PDFs), so it is tried only where the plain text,
// which puts each text object on a line of its own, shows what a table of
// numbers leaves there: a run of at least tableRunLines short lines
// without a sentence's punctuation, in which a number alone on its line
// follows another at least tableRunPairs times (海曙区, 36, 12.3, 15600,
// 江北区, …). Prose breaks its lines wherever the font changes, between
// Han and digits too (共开展, 1260, 场，参与, 12.3, 万人次), but its pieces
// carry its commas and stops, and its numbers stand between words
// (2019, 年, 3, 月, 15, 日). A table of two columns, a name and a
// number, is left as its plain text.
const (
	tableRunLines = 8
	tableRunPairs = 2
)

// sentencePunctuation is what prose's pieces carry and a table's cells
// seldom do.
const sentencePunctuation = "，。；：、！？,;"

// mayHoldTable reports whether plain, a page's plain text, may hold a table
// of numbers worth laying out by position.
func mayHoldTable(plain string) bool {
	run, pairs, lastNumber := 0, 0, false
	for line := range strings.SplitSeq(plain, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		number := strings.Trim(line, "0123456789.,%-") == "" // 15,600 too
		if !number && (utf8.RuneCountInString(line) > maxCellRunes || strings.ContainsAny(line, sentencePunctuation)) {
			run, pairs, lastNumber = 0, 0, false
			continue
		}
		run++
		if number && lastNumber {
			pairs++
		}
		lastNumber = number
		if run >= tableRunLines && pairs >= tableRunPairs {
			return true
		}
	}
	return false
}

// pdfLine is one line of glyphs, left to right, split into segments at
// wide gaps.
type pdfLine struct {
	y        float64
	size     float64
	glyphs   []pdf.Text
	segments [][]pdf.Text
}

// pdfTableText returns the page's text laid out by glyph position, with
// table rows as cells, and true, when the page holds a table and the
// layout has exactly the visible characters of plain, the library's text
// of the page; otherwise "" and false.
func pdfTableText(page pdf.Page, plain string) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	// The library cannot be interrupted and a content stream may draw
	// millions of glyphs: a page whose plain text is that long is not
	// laid out (its glyphs would be as many).
	if utf8.RuneCountInString(plain) > maxLayoutGlyphs {
		return "", false
	}
	glyphs := page.Content().Text
	if len(glyphs) < 4 || len(glyphs) > maxLayoutGlyphs {
		return "", false
	}
	lines := pdfLines(glyphs)
	if overlapping(lines) {
		return "", false
	}
	rows := tableRows(lines)
	if rows == nil {
		return "", false
	}
	text = layoutText(lines, rows)
	if !sameVisibleRunes(text, plain) {
		return "", false
	}
	return text, true
}

// pdfLines groups glyphs into lines, top to bottom: a glyph joins a line
// whose baseline is within half its size (a digit's baseline may sit a
// little off a Han character's in another font).
func pdfLines(glyphs []pdf.Text) []*pdfLine {
	sorted := slices.Clone(glyphs)
	slices.SortStableFunc(sorted, func(a, b pdf.Text) int {
		switch {
		case a.Y > b.Y:
			return -1
		case a.Y < b.Y:
			return 1
		}
		return 0
	})
	var lines []*pdfLine
	var cur *pdfLine
	for _, g := range sorted {
		if g.S == "" || g.FontSize <= 0 {
			continue
		}
		if cur == nil || math.Abs(cur.y-g.Y) > max(cur.size, g.FontSize)/2 {
			cur = &pdfLine{y: g.Y, size: g.FontSize}
			lines = append(lines, cur)
		}
		cur.size = max(cur.size, g.FontSize)
		cur.glyphs = append(cur.glyphs, g)
	}
	for _, l := range lines {
		slices.SortStableFunc(l.glyphs, func(a, b pdf.Text) int { return cmpFloat(a.X, b.X) })
		l.segments = splitAtGaps(l.glyphs)
	}
	return lines
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// splitAtGaps splits a line's glyphs where the gap before a glyph is wider
// than cellGapEm; blank glyphs do not start or end a segment.
func splitAtGaps(glyphs []pdf.Text) [][]pdf.Text {
	var segs [][]pdf.Text
	var cur []pdf.Text
	end := math.Inf(-1)
	for _, g := range glyphs {
		if strings.TrimSpace(g.S) == "" {
			end = max(end, g.X+g.W)
			continue
		}
		if len(cur) > 0 && g.X-end > cellGapEm*g.FontSize {
			segs = append(segs, cur)
			cur = nil
		}
		cur = append(cur, g)
		end = g.X + g.W
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	return segs
}

// overlapping reports glyphs of a line drawn over one another by more
// than a third of their size. Real text does not do that; the library's
// positions do when it reads a two-byte font's widths wrongly, and then
// its gaps are no guide to columns.
func overlapping(lines []*pdfLine) bool {
	for _, l := range lines {
		end := math.Inf(-1)
		for _, g := range l.glyphs {
			if strings.TrimSpace(g.S) == "" {
				continue
			}
			if g.X < end-g.FontSize/3 {
				return true
			}
			end = max(end, g.X+g.W)
		}
	}
	return false
}

// tableRows returns the indexes of the lines that are table rows: lines of
// two or more short cells, at least two of them, each sharing two cell
// starts (or two cell ends, for numbers set flush right) with another such
// line. nil when the page has no table.
func tableRows(lines []*pdfLine) map[int]bool {
	var cand []int
	for i, l := range lines {
		if len(l.segments) >= 2 && meanSegmentRunes(l.segments) <= maxCellRunes {
			cand = append(cand, i)
		}
	}
	rows := map[int]bool{}
	for _, i := range cand {
		for _, j := range cand {
			if i != j && columnsAlign(lines[i], lines[j]) {
				rows[i] = true
				break
			}
		}
	}
	if len(rows) < 2 || wrappedCells(lines, rows) {
		return nil
	}
	return rows
}

// wrappedCells reports a table whose cells wrap onto lines of their own:
// a line that is not a row between two rows, or one just under the last
// row that starts where one of its cells after the first does. Laid out
// line by line, such a cell's words would be cut apart by other cells
// (全民终身学 | 36 | … 习活动周), so the page keeps its plain text.
func wrappedCells(lines []*pdfLine, rows map[int]bool) bool {
	first, last := len(lines), -1
	for i := range rows {
		first, last = min(first, i), max(last, i)
	}
	for i := first; i <= last; i++ {
		if !rows[i] {
			return true
		}
	}
	if last+1 < len(lines) {
		next, row := lines[last+1], lines[last]
		for _, cell := range row.segments[1:] {
			if math.Abs(next.glyphs[0].X-cell[0].X) <= row.size/4 {
				return true
			}
		}
	}
	return false
}

func meanSegmentRunes(segs [][]pdf.Text) float64 {
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	return float64(n) / float64(len(segs))
}

// columnsAlign reports whether two lines have at least two cells starting,
// or two cells ending, at the same places.
func columnsAlign(a, b *pdfLine) bool {
	tol := max(a.size, b.size) / 4
	starts, ends := 0, 0
	for _, sa := range a.segments {
		for _, sb := range b.segments {
			if math.Abs(sa[0].X-sb[0].X) <= tol {
				starts++
			}
			la, lb := sa[len(sa)-1], sb[len(sb)-1]
			if math.Abs(la.X+la.W-(lb.X+lb.W)) <= tol {
				ends++
			}
		}
	}
	return starts >= 2 || ends >= 2
}

// layoutText writes the lines top to bottom: a table row's cells joined by
// cellSeparator and the row ended by rowBreak, other lines as they are.
func layoutText(lines []*pdfLine, rows map[int]bool) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && !rows[i-1] {
			b.WriteString("\n")
		}
		if rows[i] {
			if i > 0 && !rows[i-1] {
				b.WriteString("\n") // a table starts on a row of its own
			}
			for k, s := range l.segments {
				if k > 0 {
					b.WriteString(cellSeparator)
				}
				b.WriteString(segmentText(s))
			}
			b.WriteString(rowBreak)
			continue
		}
		b.WriteString(segmentText(l.glyphs))
	}
	return strings.TrimSpace(b.String())
}

// segmentText joins glyphs, with a space where a gap stands for one.
func segmentText(glyphs []pdf.Text) string {
	var b strings.Builder
	end := math.Inf(-1)
	for _, g := range glyphs {
		if !math.IsInf(end, -1) && g.X-end > wordGapEm*g.FontSize && strings.TrimSpace(g.S) != "" {
			b.WriteByte(' ')
		}
		b.WriteString(g.S)
		end = g.X + g.W
	}
	return strings.TrimSpace(b.String())
}

// sameVisibleRunes reports whether a and b hold the same characters, white
// space aside, counted with their multiplicity: the layout may reorder and
// separate the page's text but must not lose or invent any of it (glyph
// widths a font states wrongly would misplace glyphs, not change them).
func sameVisibleRunes(a, b string) bool {
	count := func(s string) (map[rune]int, int) {
		m := map[rune]int{}
		n := 0
		for _, r := range s {
			if !unicode.IsSpace(r) && r != utf8.RuneError {
				m[r]++
				n++
			}
		}
		return m, n
	}
	ma, na := count(strings.ReplaceAll(a, cellSeparator, ""))
	mb, nb := count(b)
	if na != nb || na == 0 {
		return false
	}
	for r, n := range ma {
		if mb[r] != n {
			return false
		}
	}
	return true
}
