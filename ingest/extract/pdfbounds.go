package extract

import (
	"errors"
	"io"

	"github.com/ledongthuc/pdf"

	"github.com/lcmonitor/evidence/catalog"
)

// Bounds on the work the library does for one page. A crafted page can
// hold what no real page does, and the library cannot be stopped from
// outside: a content stream of 50 million nested "[" (49 KB of file) kept
// it and then pdftotext busy until the reading child ran out of memory,
// and a page of 134 MB of text (one flate stream of 300 MB, 889 KB of
// file) grew past it while building the page's text twice over; each
// then ran out of the child's share of memory, was read again alone with
// the whole budget, and failed there: ≈ 45 s of the readers' budget a
// file (bench/README, sessions 57 and 59). Past either bound the page is
// refused as the file's fault, at once and without pdftotext (which
// would spend the same memory on it), so that the file fails within
// seconds and is not read again alone.
var (
	// maxPageText bounds a page's text (each of pageText's two texts):
	// a dense page of a yearbook table holds some tens of kilobytes, a
	// poster of small type a few hundred; 4 MiB is over a million Han
	// characters. A variable, lowered by tests.
	maxPageText = 4 << 20
	// maxContentDepth bounds how deep the arrays and dictionaries of a
	// page's content stream nest. Real pages nest two or three deep (a
	// TJ array, a marked-content property list); the library's own
	// limit is 1,000, past which it throws the operand away and goes
	// on, a thousand levels at a time, through all of it.
	maxContentDepth = 64
	// maxPageContent bounds a page's content streams, inflated: what the
	// library and then pdftotext interpret operator by operator. A page
	// of 300 MB of path operators (583 KB of file, no text) kept both
	// busy until the extraction's time limit, 34 CPU-s of the children.
	// Real drawings are far smaller: a LibreOffice page of a million
	// plotted points is 15.5 MB, read by both in ≈ 4 s; the largest page
	// in testdata and the bench corpus's PDFs under 1 MB (bench/README,
	// "Session 60"). 128 MiB is eight such maps on one page. A variable,
	// lowered by tests.
	maxPageContent int64 = 128 << 20
)

// pageBoundError is a page past one of the bounds above, raised from
// within the library's interpreter (it panics with it) or before it.
type pageBoundError struct{ err error }

func (e *pageBoundError) Error() string { return e.err.Error() }
func (e *pageBoundError) Unwrap() error { return e.err }

// isPageBound reports whether err is a page refused for a bound above.
func isPageBound(err error) bool {
	var b *pageBoundError
	return errors.As(err, &b)
}

func errPageTextTooLarge(page int) error {
	return &pageBoundError{catalog.Errorf(catalog.ETOOLARGE, "PDF 第 %d 页的文字超过 %d MiB（正常页面远少于此，可能是异常文件），已停止处理；请用原软件重新导出 PDF，或拆分后上传", page, maxPageText>>20)}
}

func errPageContentTooLarge(page int) error {
	return &pageBoundError{catalog.Errorf(catalog.ETOOLARGE, "PDF 第 %d 页的绘图内容超过 %d MiB（大幅地图、图纸也远少于此，可能是异常文件），已停止处理；请用原软件重新导出 PDF（可降低图形精度或将该页存为图片），或拆分后上传", page, maxPageContent>>20)}
}

func errContentTooDeep(page int) error {
	return &pageBoundError{catalog.Errorf(catalog.EINVALID, "PDF 第 %d 页的内容结构嵌套超过 %d 层（正常文件不会如此，可能是异常文件），已停止处理；请用原软件打开检查，重新导出后上传", page, maxContentDepth)}
}

// contentCheck is what checkPageContent found of a page's content.
type contentCheck int

const (
	contentWithinBounds  contentCheck = iota
	contentTooDeep                    // nested past maxContentDepth
	contentTooLarge                   // past maxPageContent, inflated
	contentStringTooLong              // a string of more than maxPageText
)

// checkPageContent reads a page's content stream (or streams) and
// reports whether they are larger, inflated, than maxPageContent, hold
// a string longer than maxPageText (which the library would build whole
// before the page's text is counted), or their arrays and dictionaries
// nest past maxContentDepth: reading stops at any of them. It follows the content stream's syntax only as far as
// nesting needs: strings, hex strings and comments hold brackets that
// nest nothing, and an inline image's data (ID … EI) is bytes, skipped.
// A stream that cannot be read is left to the library, which says what
// is wrong.
func checkPageContent(contents pdf.Value) (found contentCheck) {
	defer func() {
		if recover() != nil { // a stream the library cannot decode
			found = contentWithinBounds
		}
	}()
	s := depthScanner{maxString: int64(maxPageText)}
	if contents.Kind() == pdf.Array {
		for i := range contents.Len() {
			if found := s.scan(contents.Index(i).Reader()); found != contentWithinBounds {
				return found
			}
		}
		return contentWithinBounds
	}
	return s.scan(contents.Reader())
}

// depthWriter follows the nesting of what is written to it, and fails
// the write that goes past maxContentDepth (tooDeep) or holds a string
// longer than its scanner's maxString (tooLong).
type depthWriter struct {
	s       depthScanner
	tooDeep bool
	tooLong bool
}

func (w *depthWriter) Write(p []byte) (int, error) {
	if w.s.feed(p) {
		if w.s.longString {
			w.tooLong = true
		} else {
			w.tooDeep = true
		}
		return 0, errStreamTooDeep
	}
	return len(p), nil
}

// errStreamTooDeep is what a font's ToUnicode map nested past
// maxContentDepth panics with from within the library's interpreter
// (newFontEncoder), which pdfPageText answers as the page's content
// nested so: the library interprets the map as it does a page's content.
var errStreamTooDeep = errors.New("content nested past its bound")

// errStreamTooLarge is what a font's ToUnicode map larger, inflated,
// than maxPageContent panics with (newFontEncoder), which pdfPageText
// answers as the page's content past that bound.
var errStreamTooLarge = errors.New("content past its size bound")

// depthScanner follows the nesting of a content stream across the
// streams it may be split into (a token or string may straddle two).
type depthScanner struct {
	depth   int
	str     int  // open parentheses of a literal string; 0 outside one
	escaped bool // the last byte in a string was a backslash
	hex     bool // in a hex string
	comment bool
	lastLT  bool   // the last byte was "<" outside strings
	lastGT  bool   // the last byte was ">" outside strings
	word    uint16 // the last two regular characters of the current token
	wordLen int    // its length, counted to 3
	image   int    // inside an inline image's data: 1 after ID, 2 seen white space, 3 "E", 4 "EI"
	name    bool   // the current token is a name (/ID is not an inline image's data)
	read    int64  // bytes fed, of every stream (those before it while a feed runs)
	at      int64  // the offset of the byte step takes
	// maxString, when not 0, bounds a string's length (its bytes as
	// written, parentheses or angle brackets included), checked as it
	// ends and at the end of each feed: stringStart is the offset of the
	// open one's start.
	maxString   int64
	stringStart int64
	longString  bool
}

// scan reads r and reports whether the nesting went past maxContentDepth
// or the bytes read, with those of the streams before, past
// maxPageContent. The bytes of a token (most of a stream) take the short
// way: a page of 300 MB took 5 s a byte at a time through step, the
// library's own reading of it far longer.
func (s *depthScanner) scan(r io.Reader) contentCheck {
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		if s.feed(buf[:n]) {
			if s.longString {
				return contentStringTooLong
			}
			return contentTooDeep
		}
		if s.read > maxPageContent {
			return contentTooLarge
		}
		if err != nil {
			return contentWithinBounds
		}
	}
}

// feed takes the next bytes of the stream; true when the nesting went
// past maxContentDepth or a string past maxString (longString).
func (s *depthScanner) feed(p []byte) bool {
	for i, c := range p {
		switch plain := s.image == 0 && !s.comment && s.str == 0 && !s.hex && !s.lastLT && !s.lastGT; {
		case plain && pdfRegular[c]:
			s.word = s.word<<8 | uint16(c)
			s.wordLen = min(s.wordLen+1, 3)
			continue
		case plain && c == ' ' && s.wordLen != 2:
			s.word, s.wordLen, s.name = 0, 0, false
			continue
		case s.str > 0 && !s.escaped && c != '(' && c != ')' && c != '\\' && s.image == 0:
			continue
		}
		s.at = s.read + int64(i)
		if s.step(c) {
			return true
		}
	}
	s.read += int64(len(p))
	return (s.str > 0 || s.hex) && s.stringPast(s.read)
}

// stringPast reports whether the string begun at stringStart and read to
// end (an offset) is longer than maxString, and says so in longString.
func (s *depthScanner) stringPast(end int64) bool {
	s.longString = s.maxString > 0 && end-s.stringStart > s.maxString
	return s.longString
}

// pdfRegular holds the regular characters of PDF's syntax: neither white
// space nor a delimiter.
var pdfRegular = func() (r [256]bool) {
	for c := range r {
		r[c] = !isPDFSpace(byte(c)) && !isPDFDelimiter(byte(c))
	}
	return r
}()

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// step takes one byte that is not a token's (scan); true when the
// nesting went past the bound.
func (s *depthScanner) step(c byte) bool {
	switch {
	case s.image > 0:
		s.skipImage(c)
		return false
	case s.comment:
		s.comment = c != '\n' && c != '\r'
		return false
	case s.str > 0:
		switch {
		case s.escaped:
			s.escaped = false
		case c == '\\':
			s.escaped = true
		case c == '(':
			s.str++
		case c == ')':
			s.str--
			return s.str == 0 && s.stringPast(s.at+1)
		}
		return false
	case s.hex:
		s.hex = c != '>'
		return !s.hex && s.stringPast(s.at+1)
	}
	if s.lastLT {
		s.lastLT = false
		if c == '<' {
			s.depth++
			return s.depth > maxContentDepth
		}
		if s.hex = c != '>'; s.hex {
			s.stringStart = s.at - 1
		}
		return false
	}
	if s.lastGT {
		s.lastGT = false
		if c == '>' {
			s.depth = max(s.depth-1, 0)
			return false
		}
	}
	if pdfRegular[c] {
		s.word = s.word<<8 | uint16(c)
		s.wordLen = min(s.wordLen+1, 3)
		return false
	}
	if s.wordLen == 2 && s.word == 'I'<<8|'D' && !s.name && isPDFSpace(c) {
		s.image = 1
	}
	s.word, s.wordLen, s.name = 0, 0, c == '/'
	switch c {
	case '%':
		s.comment = true
	case '(':
		s.str, s.stringStart = 1, s.at
	case '<':
		s.lastLT = true
	case '>':
		s.lastGT = true
	case '[':
		s.depth++
		return s.depth > maxContentDepth
	case ']':
		s.depth = max(s.depth-1, 0)
	}
	return false
}

// skipImage follows an inline image's data to the white space, "EI" and
// white space that end it, as readers find its end.
func (s *depthScanner) skipImage(c byte) {
	switch {
	case s.image == 4 && isPDFSpace(c):
		s.image = 0
	case isPDFSpace(c):
		s.image = 2
	case s.image == 2 && c == 'E':
		s.image = 3
	case s.image == 3 && c == 'I':
		s.image = 4
	default:
		s.image = 1
	}
}

// errPageTextCap is what readPageText panics with past maxPageText.
var errPageTextCap = errors.New("page text past its bound")
