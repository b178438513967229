package api

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/index"
)

// handleDocumentText answers a document's text per page as stored, its
// full-width forms folded to ASCII; with ?shown=1, as the document page
// shows it, the punctuation next to Chinese full-width again (what the
// citation picker shows and copies). Either way a page has the same runes
// one for one, so rune offsets into one hold in the other.
//
// ?page=N answers page N only, ?from=N&to=M pages N to M; without them,
// every page, as it always has. The answer says page_count (the
// document's pages) and from (the number of the first page sent), and
// index_cut when search stops partway through the text. The pages are
// streamed from the stored blob as they are read, so a 40 MB text costs
// the server a few buffers, not the text; a shown page is held whole,
// within the documents service's budget (503 with Retry-After past it).
func (h *handler) handleDocumentText(w http.ResponseWriter, r *http.Request) {
	req, err := textRequest(r.URL.Query())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	tr, err := h.Documents.OpenText(r.Context(), userFrom(r.Context()), r.PathValue("id"), req)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	defer tr.Close()
	// The first part is read before the answer starts, so that what stops
	// it (a damaged text, the budget) is an error answer, not a cut one.
	var first []byte
	more := tr.Next()
	if more {
		if first, err = tr.Chunk(nil); err != nil && err != io.EOF {
			h.writeError(w, r, err)
			return
		}
	}
	// The answer is held until textHeld bytes of it are ready: a text
	// found damaged before then is an error answer (409, saying what to
	// do), and only a longer one is broken off.
	sw := &startWriter{w: w, ctx: r.Context()}
	bw := bufio.NewWriterSize(sw, textHeld)
	if err := writeTextBody(bw, sw.gone, tr, more, first, err == io.EOF); err != nil {
		if sw.gone() != nil {
			// The client hung up: nothing is wrong, and nothing more is
			// read for it.
			h.Logger.Debug("document text: client gone", "id", tr.Document.ID, "err", err)
			return
		}
		if !sw.started {
			h.writeError(w, r, err)
			return
		}
		// The answer has begun: all that is left is to break it off, so
		// that the client sees it was not whole.
		h.Logger.Error("document text cut short", "id", tr.Document.ID, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// textHeld is how much of a /text answer is held before it is sent.
const textHeld = 512 << 10

// startWriter starts a 200 JSON answer on its first write, and remembers
// the first error writing it (the client gone).
type startWriter struct {
	w       http.ResponseWriter
	ctx     context.Context
	started bool
	err     error
}

// gone is the error that stops the answer from reaching the client: the
// first failed write, or the request's context done.
func (s *startWriter) gone() error {
	if s.err != nil {
		return s.err
	}
	return s.ctx.Err()
}

func (s *startWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if !s.started {
		s.started = true
		s.w.Header().Set("Content-Type", "application/json; charset=utf-8")
		s.w.Header().Set("X-Content-Type-Options", "nosniff")
		s.w.Header().Set("Cache-Control", "no-store")
		s.w.WriteHeader(http.StatusOK)
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// textRequest reads ?page=, ?from=, ?to= and ?shown=.
func textRequest(q url.Values) (documents.TextRequest, error) {
	req := documents.TextRequest{Shown: q.Get("shown") == "1"}
	for _, f := range []struct {
		name string
		to   []*int
	}{{"page", []*int{&req.From, &req.To}}, {"from", []*int{&req.From}}, {"to", []*int{&req.To}}} {
		s := q.Get(f.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return req, catalog.FieldErrorf(f.name, catalog.EINVALID, "页码 %s=%q 无效：应为从 1 开始的整数", f.name, s)
		}
		for _, p := range f.to {
			*p = n
		}
	}
	return req, nil
}

// writeTextBody writes the answer of /text from tr, whose current page
// (when more) begins with first (all of it when done). It stops at the
// first chunk after gone says the client will not get the answer.
func writeTextBody(w *bufio.Writer, gone func() error, tr *documents.TextRange, more bool, first []byte, done bool) error {
	head, _ := json.Marshal(map[string]any{"id": tr.Document.ID, "extractor": tr.Extractor, "from": tr.From})
	w.Write(head[:len(head)-1])
	w.WriteString(`,"pages":[`)
	buf, esc := first, make([]byte, 0, 2*len(first)+64)
	for n := 0; more; n++ {
		if n > 0 {
			w.WriteByte(',')
			buf, done = buf[:0], false
		}
		w.WriteByte('"')
		for {
			esc = appendJSONText(esc[:0], buf)
			w.Write(esc)
			if err := gone(); err != nil {
				return err
			}
			if done {
				break
			}
			var err error
			if buf, err = tr.Chunk(buf[:0]); err == io.EOF {
				break
			} else if err != nil {
				return err
			}
		}
		w.WriteByte('"')
		more = tr.Next()
	}
	w.WriteByte(']')
	cut, err := tr.Cut()
	if err != nil {
		return err
	}
	// page_count comes last, when every page asked for was counted.
	w.WriteString(`,"page_count":` + strconv.Itoa(tr.PageCount))
	if cut.Page > 0 {
		s := `,"index_cut":{"page":` + strconv.Itoa(cut.Page) + `,"max_chars":` + strconv.Itoa(index.MaxIndexedChars) + `}`
		w.WriteString(s)
	}
	w.WriteString("}\n")
	return w.Flush()
}

// appendJSONText appends text (whole UTF-8 characters) to dst as the
// inside of a JSON string, escaped as encoding/json escapes it without
// HTML escaping.
func appendJSONText(dst, text []byte) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(text[i:])
			if r != '\u2028' && r != '\u2029' {
				i += size
				continue
			}
			dst = append(dst, text[start:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, hex[r&0xF])
			i += size
			start = i
			continue
		}
		dst = append(dst, text[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, `\n`...)
		case '\r':
			dst = append(dst, `\r`...)
		case '\t':
			dst = append(dst, `\t`...)
		default:
			dst = append(dst, `\u00`...)
			dst = append(dst, hex[c>>4], hex[c&0xF])
		}
		i++
		start = i
	}
	return append(dst, text[start:]...)
}

// handleDocumentFind looks for ?q= in a document's whole text as stored,
// past where the index stops too: {"query","total","more","pages":[{"page",
// "part","count","before","match","after","unindexed"}]}, page order.
func (h *handler) handleDocumentFind(w http.ResponseWriter, r *http.Request) {
	f, err := h.Documents.Find(r.Context(), userFrom(r.Context()), r.PathValue("id"), r.URL.Query().Get("q"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	type page struct {
		Page      int    `json:"page"`
		Part      int    `json:"part"`
		Count     int    `json:"count"`
		Before    string `json:"before"`
		Match     string `json:"match"`
		After     string `json:"after"`
		Unindexed bool   `json:"unindexed"`
	}
	// The snippets are for reading, as search's fragments are: they come
	// as the document page shows them, punctuation next to Chinese
	// full-width (documents.FoundPage.Shown; ?shown=0: as stored, folded
	// to ASCII, as /text gives it by default).
	raw := r.URL.Query().Get("shown") == "0"
	pages := make([]page, len(f.Pages))
	for i, p := range f.Pages {
		if !raw {
			p = p.Shown()
		}
		pages[i] = page{p.Page, p.Part, p.Count, p.Before, p.Match, p.After, p.Unindexed}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"query": f.Query, "total": f.Total, "more": f.More, "pages": pages})
}
