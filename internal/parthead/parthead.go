// Package parthead caps the header of each part of a multipart body.
// Go's mime/multipart reads a part's header into memory up to 10 MiB and
// 10,000 lines, with no way to ask for less: a client could make every
// upload slot hold megabytes of header lines. No browser or evidence
// ingest sends more than a few hundred bytes of them (Content-Disposition
// with a file name, Content-Type), so a body whose part header goes over
// Max is cut while it is read, with an error that says what to do.
package parthead

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// maxPadding is the most spaces after a boundary held over to the next
// chunk; more is counted as the part's header.
const maxPadding = 1024

// Max is the most one part's header may hold, in bytes: the lines
// between a boundary and the empty line that ends them.
const Max = 16 << 10

// Limit wraps r.Body, when r is multipart, so that a read returns
// ErrTooLarge (a *catalog.Error, EINVALID) once a part's header goes over
// Max bytes; other bodies are left as they are (and Limit returns nil).
// The multipart reader may report the cut as a malformed header (the
// line it had begun ends there): the returned Body's Err says whether the
// body was cut.
func Limit(r *http.Request) *Body {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	media, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(media, "multipart/") || params["boundary"] == "" {
		return nil // the multipart reader refuses it itself
	}
	b := &Body{ReadCloser: r.Body, s: newScanner(params["boundary"], Max)}
	r.Body = b
	return b
}

// ErrTooLarge is the error of a body whose part header went over Max.
var ErrTooLarge = catalog.Errorf(catalog.EINVALID, "上传表单中有一部分的头部（header）超过 %d KiB，无法读取；浏览器和 evidence ingest 不会这样发送，请改用网页或 evidence ingest 上传，或检查上传所用的程序", Max>>10)

// Body is a request body whose part headers are held to Max.
type Body struct {
	io.ReadCloser
	s   *scanner
	err error
}

// Err is ErrTooLarge when the body was cut for a part header over Max,
// else nil; nil for a nil Body (one Limit left alone).
func (b *Body) Err() error {
	if b == nil {
		return nil
	}
	return b.err
}

func (b *Body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.ReadCloser.Read(p)
	if n > 0 && !b.s.scan(p[:n]) {
		b.err = ErrTooLarge
		return 0, b.err
	}
	return n, err
}

// The scanner's states: in a part's body (or the preamble), looking for
// the next boundary; just past a boundary, to see whether it closes the
// body; in a part's header, counting it; past the closing boundary.
const (
	inBody = iota
	atBoundary
	inHeader
	closed
)

// scanner follows a multipart body as it passes, chunk by chunk. A line
// may end in CRLF or in LF alone (Go's reader accepts both), so a
// boundary is looked for after "\n", and a header ends at "\n\n" or
// "\n\r\n".
type scanner struct {
	delim  []byte // "\n--" + boundary
	max    int
	state  int
	header int    // bytes of the current part's header counted so far
	tail   []byte // the end of the last chunk, which may begin what is looked for
	buf    []byte
}

func newScanner(boundary string, max int) *scanner {
	// The body's first line may be the first boundary: as if after "\n".
	return &scanner{delim: []byte("\n--" + boundary), max: max, tail: []byte("\n")}
}

// scan takes the next chunk of the body; false once a part's header has
// gone over max.
func (s *scanner) scan(chunk []byte) bool {
	if s.state == closed {
		return true
	}
	s.buf = append(append(s.buf[:0], s.tail...), chunk...)
	data := s.buf
	for {
		switch s.state {
		case inBody:
			i := s.boundary(data)
			if i < 0 {
				s.keep(data, len(s.delim)-1)
				return true
			}
			data = data[i+len(s.delim):]
			s.state = atBoundary
		case atBoundary:
			// As Go's reader: the boundary is followed by "--" (the end),
			// or by spaces and the line's end; else it is part of a body.
			j := 0
			for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
				j++
			}
			switch {
			case j == len(data) && j <= maxPadding, j == len(data)-1 && data[j] == '-':
				s.keep(data, len(data)) // to be seen with the next chunk
				return true
			case j < len(data)-1 && data[j] == '-' && data[j+1] == '-':
				s.state = closed // the epilogue, which readers ignore
				return true
			case j == len(data) || data[j] == '\r' || data[j] == '\n':
				s.state, s.header = inHeader, 0 // padding past maxPadding counts as header
			default:
				s.state = inBody // "--" and the boundary, then more: not a boundary
			}
			data = data[j:]
		case inHeader:
			end, n := headerEnd(data)
			if end < 0 {
				kept := min(len(data), 2)
				s.header += len(data) - kept
				s.keep(data, kept)
				return s.header <= s.max
			}
			if s.header += end; s.header > s.max {
				return false
			}
			data = data[end+n:]
			s.state = inBody
		default:
			return true
		}
	}
}

// boundary is where the first delim in data begins, -1 if none. It
// looks for the dashes and the boundary, which begin with a byte rare in
// text, and then for the newline before them: a newline first would
// stop the search at every line of a text file.
func (s *scanner) boundary(data []byte) int {
	dashes := s.delim[1:]
	for at := 1; at < len(data); {
		i := bytes.Index(data[at:], dashes)
		if i < 0 {
			return -1
		}
		if at += i; data[at-1] == '\n' {
			return at - 1
		}
		at++
	}
	return -1
}

// keep holds the last n bytes of data (all when shorter) for the next chunk.
func (s *scanner) keep(data []byte, n int) {
	n = min(n, len(data))
	s.tail = append(s.tail[:0], data[len(data)-n:]...)
}

// headerEnd is where the first empty line in data begins, just after a
// newline, and how long it is with that newline ("\n\n" or "\n\r\n"); -1
// when there is none.
func headerEnd(data []byte) (int, int) {
	lf := bytes.Index(data, []byte("\n\n"))
	crlf := bytes.Index(data, []byte("\n\r\n"))
	switch {
	case lf < 0 && crlf < 0:
		return -1, 0
	case crlf < 0 || (lf >= 0 && lf < crlf):
		return lf, 2
	}
	return crlf, 3
}
