package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// TextPages reads a stored text blob (text/<sha256>.json) page by page,
// decoding its JSON as a stream: whatever the size of the text, it holds
// one read buffer and the part of a page asked for, never the whole blob
// nor a whole page unless asked. LoadText decodes a 40 MB text into some
// 120 MB; a page view or an answer of /text has no need of that.
//
// Use it as an iterator: Next moves to the next page, Chunk reads the
// current page part by part (or Page reads it whole), Err says why Next
// stopped, Close releases the blob. Errors are LoadText's: ErrBadText
// (with an ECONFLICT for the user) when the blob is not readable text,
// the store's own error when the store is down.
type TextPages struct {
	ctx context.Context
	sha string
	rc  io.ReadCloser
	br  *bufio.Reader

	// Extractor is the stored text's extractor (pdf, docx, ocr, …).
	Extractor string
	// reading is how the pages were read, as far as the fields before
	// the pages say (Reading reads those after them).
	reading readingFields

	scratch []byte // for skipping the rest of a page

	// base is the blob's offset at which br begins, fed what br has read
	// from there: Offset.
	base int64
	fed  *countingReader

	page   int  // the current page, from 1; 0 before the first Next
	inPage bool // inside the current page's JSON string
	ended  bool // the pages array is over
	err    error
}

// textReadBuffer is TextPages' read buffer: what it holds of a text
// besides the chunk asked for.
const textReadBuffer = 64 << 10

// OpenTextPages opens the stored text of the document with these bytes
// and reads it up to its first page; the caller closes it. ENOTFOUND when
// it was never extracted. From a VerifiedTexts store, a version not
// found as recorded before is checked at its end: the caller reads it
// through and Verifies it before using what it read, or opens it by
// OpenCheckedTextPages.
func OpenTextPages(ctx context.Context, store blob.Store, sha string) (*TextPages, error) {
	key := catalog.TextKey(sha)
	rc, err := store.Get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	return openTextPages(ctx, sha, rc)
}

// openTextPages reads rc, the text blob of the original sha read from its
// start, up to its first page; rc is closed on an error.
func openTextPages(ctx context.Context, sha string, rc io.ReadCloser) (*TextPages, error) {
	t := &TextPages{ctx: ctx, sha: sha, rc: rc}
	if err := t.readHead(); err != nil {
		rc.Close()
		return nil, err
	}
	return t, nil
}

// OpenTextPagesAt opens the stored text of the document with these bytes
// at off, an Offset that a TextPages of the same blob gave inside page
// (between two Chunks of it): the page is current, and Chunk reads on from
// there, as it would have. Only the blob's bytes from off to end are
// read from the store (blob.Store.GetRange): end is an Offset of a later
// part the caller will not read past, or -1 for the blob's end; reading
// past end reads as a text broken off there. version is the blob's
// (blob.Info.Version) the offsets are of, or "": a blob put again since is
// an error wrapping blob.ErrChanged. The caller closes it;
// Extractor is not known. An offset that is no such place reads as a
// damaged text (ErrBadText) or as other words. From a VerifiedTexts
// store, only a version found as recorded is read.
func OpenTextPagesAt(ctx context.Context, store blob.Store, sha string, off, end int64, page int, version string) (*TextPages, error) {
	key := catalog.TextKey(sha)
	n := int64(-1)
	if end >= 0 {
		n = max(end-off, 0)
	}
	rc, err := store.GetRange(ctx, key, off, n, version)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	t := &TextPages{ctx: ctx, sha: sha, rc: rc, base: off, page: page, inPage: true}
	t.fed = &countingReader{r: rc}
	t.br = bufio.NewReaderSize(t.fed, textReadBuffer)
	return t, nil
}

// Offset is where in the blob the next Chunk of the current page begins,
// for OpenTextPagesAt: a place in the page before its first Chunk and
// after each that added to buf; after the Chunk that read its last
// character it is past the page's end, no place to open at.
func (t *TextPages) Offset() int64 { return t.base + t.fed.n - int64(t.br.Buffered()) }

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readHead reads the blob's fields up to the start of its pages. The
// fields before them are small (extractor, version, title); any after
// them (page sources, seals) the catalog holds too.
func (t *TextPages) readHead() error {
	dec := json.NewDecoder(t.rc)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return t.damaged(err, "not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return t.damaged(err, "")
		}
		switch tok {
		case "pages":
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				return t.damaged(err, "pages is not a list")
			}
			t.base, t.fed = dec.InputOffset(), &countingReader{r: io.MultiReader(dec.Buffered(), t.rc)}
			t.br = bufio.NewReaderSize(t.fed, textReadBuffer)
			return nil
		case "extractor":
			err = dec.Decode(&t.Extractor)
		case "page_sources":
			err = dec.Decode(&t.reading.PageSources)
		case "ocr_confidence":
			err = dec.Decode(&t.reading.OCRConfidence)
		case "seal_pages":
			err = dec.Decode(&t.reading.SealPages)
		default:
			err = dec.Decode(new(json.RawMessage))
		}
		if err != nil {
			return t.damaged(err, "")
		}
	}
	return t.damaged(nil, "no pages")
}

// damaged is the error for a blob that breaks off or is not text: the
// store's when it is down, else ErrBadText.
func (t *TextPages) damaged(err error, what string) error {
	if storeDown(t.ctx, err) {
		return fmt.Errorf("read %s: %w", catalog.TextKey(t.sha), err)
	}
	if err == nil {
		err = errors.New(what)
	} else if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return errBadText(t.sha, err)
}

// Next moves to the next page, skipping what is left of the current one;
// false at the end of the pages or on an error (Err).
func (t *TextPages) Next() bool {
	if t.err != nil || t.ended {
		return false
	}
	for t.inPage {
		var err error
		if t.scratch, err = t.Chunk(t.scratch[:0], textReadBuffer); err == io.EOF {
			break
		} else if err != nil {
			return false
		}
	}
	c, err := t.skipSpace()
	if err == nil && t.page > 0 {
		switch c {
		case ']':
			t.ended = true
			return false
		case ',':
			c, err = t.skipSpace()
		default:
			err = fmt.Errorf("unexpected %q after page %d", c, t.page)
		}
	}
	if err == nil && t.page == 0 && c == ']' {
		t.ended = true
		return false
	}
	if err == nil && c != '"' {
		err = fmt.Errorf("unexpected %q for page %d", c, t.page+1)
	}
	if err != nil {
		t.err = t.damaged(err, "")
		return false
	}
	t.page++
	t.inPage = true
	return true
}

func (t *TextPages) skipSpace() (byte, error) {
	for {
		c, err := t.br.ReadByte()
		if err != nil {
			return 0, err
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c, nil
		}
	}
}

// readingFields are the fields of a stored text that say how its pages
// were read (StoredText's).
type readingFields struct {
	PageSources   []string `json:"page_sources,omitempty"`
	OCRConfidence *float64 `json:"ocr_confidence,omitempty"`
	SealPages     []int    `json:"seal_pages,omitempty"`
}

// Reading reads the rest of the blob once Next has passed its last page
// and returns how the pages were read, as LoadText's Reading does: a
// blob damaged after its pages is ErrBadText, as LoadText has it.
func (t *TextPages) Reading() (catalog.Reading, error) {
	if t.err != nil {
		return catalog.Reading{}, t.err
	}
	if !t.ended {
		return catalog.Reading{}, errors.New("reading of a text asked before the end of its pages")
	}
	c, err := t.skipSpace()
	if err == nil && c == ',' {
		// The fields after the pages, read as an object of their own.
		dec := json.NewDecoder(io.MultiReader(strings.NewReader("{"), t.br))
		if err = dec.Decode(&t.reading); err == nil {
			t.br = bufio.NewReader(io.MultiReader(dec.Buffered(), t.br))
			c = '}'
		}
	}
	if err == nil && c != '}' {
		err = fmt.Errorf("unexpected %q after the pages", c)
	}
	if err == nil {
		// Nothing but spaces may follow, as json.Unmarshal has it.
		if c, err = t.skipSpace(); err == nil {
			err = fmt.Errorf("unexpected %q after the text", c)
		} else if err == io.EOF {
			err = nil
		}
	}
	if err != nil {
		t.err = t.damaged(err, "")
		return catalog.Reading{}, t.err
	}
	r := t.reading
	return catalog.Reading{PageSources: r.PageSources, OCRConfidence: r.OCRConfidence, SealPages: r.SealPages}, nil
}

// PageNumber is the current page, from 1 (0 before the first Next).
func (t *TextPages) PageNumber() int { return t.page }

// Err is the error that stopped Next, nil at the end of the pages.
func (t *TextPages) Err() error { return t.err }

// Close releases the blob.
func (t *TextPages) Close() error { return t.rc.Close() }

// Chunk appends to buf the next part of the current page, whole
// characters only, until buf holds about max bytes more (a few bytes
// over at most, to end on a character), and returns it; io.EOF with
// nothing added at the end of the page. Characters decode as
// json.Unmarshal decodes them (bad UTF-8 and lone surrogates become
// U+FFFD), so pages read whole are LoadText's byte for byte.
func (t *TextPages) Chunk(buf []byte, max int) ([]byte, error) {
	if t.err != nil {
		return buf, t.err
	}
	if !t.inPage {
		return buf, io.EOF
	}
	limit := len(buf) + max
	for len(buf) < limit {
		if n := t.plainRun(limit - len(buf)); n > 0 {
			run, _ := t.br.Peek(n)
			buf = append(buf, run...)
			t.br.Discard(n)
			continue
		}
		c, err := t.br.ReadByte()
		if err != nil {
			t.err = t.damaged(err, "")
			return buf, t.err
		}
		switch {
		case c == '"':
			t.inPage = false
			if len(buf) == limit-max {
				return buf, io.EOF
			}
			return buf, nil
		case c == '\\':
			r, err := t.escape()
			if err != nil {
				t.err = t.damaged(err, "")
				return buf, t.err
			}
			buf = utf8.AppendRune(buf, r)
		case c < 0x20:
			t.err = t.damaged(fmt.Errorf("control character %#x in page %d", c, t.page), "")
			return buf, t.err
		case c < utf8.RuneSelf:
			buf = append(buf, c)
		default:
			t.br.UnreadByte()
			r, _, err := t.br.ReadRune()
			if err != nil {
				t.err = t.damaged(err, "")
				return buf, t.err
			}
			buf = utf8.AppendRune(buf, r) // bad UTF-8 is U+FFFD already
		}
	}
	return buf, nil
}

// plainRun is how many buffered bytes, at most max, can be copied as
// they are: no quote, backslash or control character, valid UTF-8 of
// whole characters. It is the fast path of Chunk.
func (t *TextPages) plainRun(max int) int {
	if t.br.Buffered() == 0 {
		t.br.Peek(1) // fill the buffer; an error shows on the next read
	}
	b, _ := t.br.Peek(min(t.br.Buffered(), max))
	n := 0
	for n < len(b) {
		c := b[n]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		n++
	}
	return validPrefix(b[:n])
}

// validPrefix is the length of b's longest prefix of whole, valid UTF-8
// characters: a bad byte, or a character cut by the end of the buffer,
// is left to Chunk's slow path, and only it (all the run went there, so
// a page with a bad byte now and then was decoded in quadratic time).
func validPrefix(b []byte) int {
	i := 0
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return i
}

// escape reads a JSON escape after its backslash.
func (t *TextPages) escape() (rune, error) {
	c, err := t.br.ReadByte()
	if err != nil {
		return 0, err
	}
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
	default:
		return 0, fmt.Errorf("bad escape \\%c in page %d", c, t.page)
	}
	r, err := t.hex4()
	if err != nil || !utf16.IsSurrogate(r) {
		return r, err
	}
	// A surrogate pair is two escapes; a lone half is U+FFFD, as
	// json.Unmarshal has it.
	if next, _ := t.br.Peek(6); len(next) == 6 && next[0] == '\\' && next[1] == 'u' {
		if r2, ok := parseHex4(next[2:]); ok {
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				t.br.Discard(6)
				return dec, nil
			}
		}
	}
	return utf8.RuneError, nil
}

func (t *TextPages) hex4() (rune, error) {
	var b [4]byte
	if _, err := io.ReadFull(t.br, b[:]); err != nil {
		return 0, err
	}
	r, ok := parseHex4(b[:])
	if !ok {
		return 0, fmt.Errorf("bad \\u escape %q in page %d", b[:], t.page)
	}
	return r, nil
}

func parseHex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// Page reads what is left of the current page whole. A page longer than
// limit bytes is ETOOLARGE, read no further than that.
func (t *TextPages) Page(limit int) (string, error) {
	var buf []byte
	for {
		var err error
		buf, err = t.Chunk(buf, min(textReadBuffer, limit+1-len(buf)))
		if err == io.EOF {
			return string(buf), nil
		}
		if err != nil {
			return "", err
		}
		if len(buf) > limit {
			return "", catalog.Errorf(catalog.ETOOLARGE, "第 %d 页的文字超过 %d MB，无法整页读取；请下载原件查看", t.page, limit>>20)
		}
	}
}
