package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A PDF's or OFD's page carries its page number in its footer or header
// ("— 1 —" at a 公文's foot, GB/T 9704; 第 1 页 共 3 页; 1/3; Page 1 of
// 3), and the readers give it as the page's first or last line. Left in,
// a hit's passage or a cited quote ended in "- 2 -", and a phrase the
// page break cut (教学点四十五 / 个) had the number between its halves,
// so a search for it found nothing. Such a line is dropped at a page's
// edge, and only there: inside a page it may be a table's cell. A bare
// number alone on its line is a table's value as often as a page's
// number; it is dropped only when the pages' numbers at the same edge run
// with the pages themselves (numberedEdges), and so is a page of its
// count (1/3): a table's share (达标街道 12/15) reads the same.

// dropPageNumbers drops from each page its page number lines at its
// edges: a decorated one on any page, bare numbers (and pages of their
// count, 1/3) where the pages' sequence shows them to be page numbers. A page left out of OCR
// (sources, SourceOCRSkipped) keeps its text layer as it is: its page
// number is all a search can find it by.
func dropPageNumbers(pages, sources []string) {
	for i, p := range pages {
		if !leftUnread(sources, i) {
			pages[i] = dropEdgeLines(p, pageNumberLine)
		}
	}
	dropOnlyPageOfOne(pages, sources)
	for _, last := range []bool{false, true} {
		if !numberedEdges(pages, sources, last) {
			continue
		}
		for i, p := range pages {
			start, end := edgeLine(p, last)
			if _, ok := runNumber(p[start:end]); ok && !leftUnread(sources, i) {
				pages[i] = p[:start] + p[end:]
			}
		}
	}
}

// dropOnlyPageOfOne drops a one-page document's last line when it is
// 1/1: with one page there is no run to prove a page number by
// (numberedEdges), but a page of its count that counts the document's
// pages is no table's share. A bare 1 stays, a table's last cell as often
// as not; the decorated forms (— 1 —, 第1页 共1页) went with every page's.
func dropOnlyPageOfOne(pages, sources []string) {
	if len(pages) != 1 || leftUnread(sources, 0) {
		return
	}
	start, end := edgeLine(pages[0], true)
	if m := numberOfPages.FindStringSubmatch(compactDigits(pages[0][start:end])); m != nil && m[1] == "1" && m[2] == "1" {
		pages[0] = pages[0][:start] + pages[0][end:]
	}
}

// leftUnread reports whether page i was left out of OCR by the cap.
func leftUnread(sources []string, i int) bool {
	return i < len(sources) && sources[i] == SourceOCRSkipped
}

// dropEdgeLines drops the lines that drop reports, one after another,
// from the start and from the end of a page.
func dropEdgeLines(p string, drop func(string) bool) string {
	for _, last := range []bool{false, true} {
		for {
			start, end := edgeLine(p, last)
			if start == end || !drop(p[start:end]) {
				break
			}
			p = p[:start] + p[end:]
		}
	}
	return p
}

// edgeLine is the first (or last) line of p with something on it, from
// its start to its line break (that line break included), so that
// cutting it leaves the lines around it as they were; start == end when
// p has no such line.
func edgeLine(p string, last bool) (start, end int) {
	if !last {
		start = strings.IndexFunc(p, func(r rune) bool { return !unicode.IsSpace(r) })
		if start < 0 {
			return 0, 0
		}
		start = strings.LastIndexByte(p[:start], '\n') + 1
		end = len(p)
		if i := strings.IndexByte(p[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		return start, end
	}
	end = strings.LastIndexFunc(p, func(r rune) bool { return !unicode.IsSpace(r) })
	if end < 0 {
		return 0, 0
	}
	start = strings.LastIndexByte(p[:end], '\n') + 1
	end = len(p)
	if i := strings.IndexByte(p[start:], '\n'); i >= 0 {
		end = start + i + 1
	}
	return start, end
}

// pageNumberDashes are the marks set on both sides of a page number: a
// 公文's 一字线 (—), hyphens and dashes of every width, the box-drawing
// line some systems type for it, the Han 一 that others type and that OCR
// reads, and tildes.
const pageNumberDashes = "-‐‑‒–—―－﹣─━一~～〜"

var (
	// decoratedNumber is "— 1 —", "- 2 -", "—3—", "一 4 一", "~5~".
	decoratedNumber = regexp.MustCompile(`^[` + pageNumberDashes + `]+([0-9]{1,4})[` + pageNumberDashes + `]+$`)
	// pageOf is 第1页, 第1页共3页, 第1页/共3页, 共3页第1页, Page 1, Page 1 of 3.
	pageOf = regexp.MustCompile(`^(?:第[0-9]{1,4}页(?:[,，/／、]?共[0-9]{1,4}页)?|共[0-9]{1,4}页[,，/／、]?第[0-9]{1,4}页|(?i:page)[0-9]{1,4}(?:(?i:of)[0-9]{1,4})?)$`)
	// numberOfPages is "1/3", "1 / 3" (its page before its count).
	numberOfPages = regexp.MustCompile(`^([0-9]{1,4})[/／]([0-9]{1,4})$`)
)

// pageNumberLine reports whether line says a page's number and nothing
// else, in one of the decorated forms (never a bare number, nor a page of
// its count: runNumber).
func pageNumberLine(line string) bool {
	s := compactDigits(line)
	if s == "" || len(s) > 40 {
		return false
	}
	return decoratedNumber.MatchString(s) || pageOf.MatchString(s)
}

// runNumber is the page a line names alone, bare (2) or of a count (2/3,
// no more than the count), which only the pages' run tells from a
// table's value or share (numberedEdges).
func runNumber(line string) (int, bool) {
	if n, ok := bareNumber(line); ok {
		return n, true
	}
	m := numberOfPages.FindStringSubmatch(compactDigits(line))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	count, _ := strconv.Atoi(m[2])
	return n, n >= 1 && n <= count
}

// compactDigits is line without its spaces (a page number is set with
// spaces or without), its full-width digits made ASCII; "" when line is
// too long to be a page number.
func compactDigits(line string) string {
	if utf8.RuneCountInString(line) > 40 {
		return ""
	}
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		}
		return r
	}, line)
}

// bareNumber is the number a line holds alone, if it does.
func bareNumber(line string) (int, bool) {
	s := compactDigits(line)
	if s == "" || len(s) > 4 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// numberedEdges reports whether the pages' first (or last) lines are
// their page numbers, bare or of a count (runNumber): every page but the first (a cover, a 公文's
// first page, often unnumbered) ends so, the first too or not, at least
// two of them, and each number is its page's place plus one offset
// (pages numbered from a later one). A table's values at the foot of
// every page do not run so.
func numberedEdges(pages, sources []string, last bool) bool {
	offset, seen := 0, 0
	for i, p := range pages {
		if leftUnread(sources, i) {
			continue
		}
		start, end := edgeLine(p, last)
		n, ok := runNumber(p[start:end])
		switch {
		case !ok && i == 0:
			continue
		case !ok:
			return false
		case seen == 0:
			offset = n - i
		case n-i != offset:
			return false
		}
		seen++
	}
	return seen >= 2
}
