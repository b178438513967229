package web

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
)

// maxBeforeToken bounds what a multipart form may send before its
// csrf_token: the page's forms put the token first, and a few small fields
// before it are tolerated; a body that has sent this much without the
// token is refused there, never read to its end.
const maxBeforeToken = 64 << 10

// errFormCSRF is a form without the session's CSRF token.
func errFormCSRF() error {
	return catalog.Errorf(catalog.EFORBIDDEN, "表单已过期或缺少安全令牌（CSRF）；请刷新页面后重试")
}

// checkCSRFFirst authorises a multipart form before any of its files is
// read: the session's token (want; "" for a bearer token, which needs
// none) comes as the X-CSRF-Token header, or as the csrf_token field
// before the first file part. A form whose first file part comes without
// a valid token, or that sends maxBeforeToken bytes before it, is
// refused there (filesSent says whether a file was on its way). On
// success r.Body is the whole body again, as sent, for the form to be
// parsed as before; at most maxBeforeToken (plus the reader's buffer)
// was held in memory.
func checkCSRFFirst(r *http.Request, want string) (filesSent bool, err error) {
	if want == "" {
		return false, nil
	}
	if got := r.Header.Get("X-CSRF-Token"); got != "" {
		if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			return true, errFormCSRF() // every multipart form of the pages sends files
		}
		return false, nil
	}
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return false, formError(err)
	}
	head := &headBuffer{r: r.Body, max: maxBeforeToken}
	mr := multipart.NewReader(head, params["boundary"])
	// A wrong token is refused too, but only at the first file part (or
	// the end of the form), so that the answer can say whether files were
	// sent and must be chosen again.
	wrong := false
	for {
		part, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, errTokenTooLate):
			return false, errFormCSRF()
		case err != nil:
			if wrong {
				return false, errFormCSRF()
			}
			return false, formError(err)
		case part.FileName() != "":
			return true, errFormCSRF()
		case part.FormName() == "csrf_token" && !wrong:
			got, err := io.ReadAll(io.LimitReader(part, int64(len(want))+1))
			if err != nil {
				return false, formError(err)
			}
			if subtle.ConstantTimeCompare(got, []byte(want)) == 1 {
				r.Body = replayBody{Reader: io.MultiReader(bytes.NewReader(head.buf.Bytes()), r.Body), Closer: r.Body}
				return false, nil
			}
			wrong = true
		default:
			if _, err := io.Copy(io.Discard, part); err != nil {
				if wrong || errors.Is(err, errTokenTooLate) {
					return false, errFormCSRF()
				}
				return false, formError(err)
			}
		}
	}
}

// errTokenTooLate is a body that sent maxBeforeToken bytes without the
// CSRF token.
var errTokenTooLate = errors.New("no csrf_token in the first bytes of the form")

// headBuffer keeps what is read through it, up to max bytes.
type headBuffer struct {
	r   io.Reader
	buf bytes.Buffer
	max int
}

func (h *headBuffer) Read(p []byte) (int, error) {
	if h.buf.Len() >= h.max {
		return 0, errTokenTooLate
	}
	n, err := h.r.Read(p[:min(len(p), h.max-h.buf.Len())])
	h.buf.Write(p[:n])
	return n, err
}

// replayBody is a request body whose first bytes were read once already.
type replayBody struct {
	io.Reader
	io.Closer
}

// multipartForm reports whether r posts a multipart form (files): by its
// media type, whatever its case, as ParseMultipartForm reads it.
func multipartForm(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}
