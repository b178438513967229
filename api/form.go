package api

import (
	"context"
	"crypto/subtle"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/parthead"
)

// Limits on what a request may send besides its files. They are enforced
// while the body is read, so a request over them is refused having read
// no more than the limit.
const (
	// maxBodyBytes bounds the body of every endpoint that takes no file:
	// JSON and plain forms.
	maxBodyBytes = 1 << 20
	// maxFieldBytes bounds one non-file form field.
	maxFieldBytes = 64 << 10
	// maxFormFields bounds the number of non-file fields in a multipart form.
	maxFormFields = 100
	// maxFormBytes bounds the non-file fields of a multipart form together.
	maxFormBytes = 256 << 10
	// maxUploadFiles bounds the files (file parts) of one upload request:
	// a client sends a folder in requests of up to 16 files, its request
	// pays its authorisation, token read and catalog transaction once.
	maxUploadFiles = 64
	// maxUploadRequest bounds an upload request's body, in files of the
	// largest size allowed (plus 1 MiB for the form).
	maxUploadRequest = 8
	// maxUploadFields bounds the non-file fields of an upload request:
	// the form's, and each file part's own six (title.N, doc_type.N,
	// issuer.N, issued_on.N, doc_number.N, round.N).
	maxUploadFields = maxFormFields + 6*maxUploadFiles
)

// csrfKey marks a request made with a session whose CSRF token was not in
// a header: a multipart endpoint then finds it as the csrf_token field,
// which must come before the first file.
type csrfKey struct{}

func withPendingCSRF(r *http.Request, token string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), csrfKey{}, token))
}

// formReader reads a multipart form part by part: fields into memory
// within the limits above, files handed to the caller to stream.
type formReader struct {
	mr     *multipart.Reader
	head   *parthead.Body // nil when the body is not multipart
	csrf   string         // the session's token, still to be seen; "" when not needed
	fields map[string]string
	count  int
	most   int // the most fields taken: maxFormFields unless set
	total  int
	limit  int64 // the body's limit, for the error message
	// overCap, when set, is the error of a body over its limit (an
	// upload request's cap, said in files).
	overCap error
}

// newFormReader opens r's multipart body, limited to limit bytes.
func newFormReader(w http.ResponseWriter, r *http.Request, limit int64) (*formReader, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	head := parthead.Limit(r) // a part's header at most 16 KiB, not Go's 10 MiB
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, catalog.Errorf(catalog.EINVALID, "请以 multipart/form-data 上传，文件放在字段 file 中")
	}
	csrf, _ := r.Context().Value(csrfKey{}).(string)
	return &formReader{mr: mr, head: head, csrf: csrf, fields: map[string]string{}, most: maxFormFields, limit: limit}, nil
}

// nextFile reads fields up to the next part named file and returns it;
// io.EOF when the form ends. A form whose session token has not been seen
// by then is refused.
func (f *formReader) nextFile() (*multipart.Part, error) {
	for {
		part, err := f.mr.NextPart()
		if errors.Is(err, io.EOF) {
			if f.csrf != "" {
				return nil, errCSRF()
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, f.partError(err)
		}
		if part.FormName() == "file" {
			if f.csrf != "" {
				return nil, errCSRF()
			}
			return part, nil
		}
		if err := f.readField(part); err != nil {
			return nil, err
		}
	}
}

// readField keeps one non-file field, within the count and size limits.
func (f *formReader) readField(part *multipart.Part) error {
	f.count++
	if f.count > f.most {
		return catalog.Errorf(catalog.EINVALID, "表单字段过多（最多 %d 个）", f.most)
	}
	b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
	if err != nil {
		return f.partError(err)
	}
	if len(b) > maxFieldBytes {
		return catalog.Errorf(catalog.ETOOLARGE, "表单字段 %s 过长（单个字段最多 %s）", part.FormName(), ingest.FormatBytes(maxFieldBytes))
	}
	f.total += len(b)
	if f.total > maxFormBytes {
		return catalog.Errorf(catalog.ETOOLARGE, "表单字段合计过长（最多 %s）", ingest.FormatBytes(maxFormBytes))
	}
	if part.FormName() == "csrf_token" && f.csrf != "" {
		if subtle.ConstantTimeCompare(b, []byte(f.csrf)) != 1 {
			return errCSRF()
		}
		f.csrf = ""
		return nil
	}
	f.fields[part.FormName()] = string(b)
	return nil
}

func errCSRF() error {
	return catalog.Errorf(catalog.EFORBIDDEN, "请求缺少有效的 CSRF 令牌（X-CSRF-Token 头，或放在文件之前的 csrf_token 字段）；请刷新页面后重试")
}

// partError is partError with the form's limit, or its overCap error when
// the body went over the limit.
func (f *formReader) partError(err error) error {
	var mbe *http.MaxBytesError
	if f.overCap != nil && errors.As(err, &mbe) {
		return f.overCap
	}
	if cut := f.head.Err(); cut != nil {
		return cut // reported by the reader as a malformed line, or as itself
	}
	return partError(err, f.limit)
}

// errUploadRequestTooLarge is an upload request whose body went over its
// cap, maxUploadRequest times the per-file limit perFile: the files in it
// may each be under the per-file limit, so none is named.
func errUploadRequestTooLarge(perFile int64) error {
	return catalog.Errorf(catalog.ETOOLARGE, "这次上传的文件合计超过一个请求的上限 %s（单个文件上限 %s 的 %d 倍）；请把其余文件放在另一个请求中上传",
		ingest.FormatBytes(maxUploadRequest*perFile), ingest.FormatBytes(perFile), maxUploadRequest)
}

// partError says why a part could not be read: too large, a header a
// client should not send (control characters in a filename, too many
// header lines), or a body cut off on the way.
func partError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return catalog.Errorf(catalog.ETOOLARGE, "上传内容超过上限（整个请求最多 %s）；请分批上传", ingest.FormatBytes(limit))
	}
	var said *catalog.Error
	if errors.As(err, &said) {
		return said // a part's header over parthead.Max, a body that stopped moving
	}
	if errors.Is(err, multipart.ErrMessageTooLarge) {
		// A part's header over Go's bounds (10,000 lines, 10 MiB): no
		// browser sends one, and the body did arrive.
		return catalog.Errorf(catalog.EINVALID, "上传表单中有一部分的头部（header）行数过多或过长，无法读取；浏览器和 evidence ingest 不会这样发送，请检查上传所用的程序")
	}
	var pe textproto.ProtocolError
	if errors.As(err, &pe) || strings.Contains(err.Error(), "malformed MIME header") {
		return catalog.Errorf(catalog.EINVALID, "表单的文件名或字段名含有不允许的字符（如 NUL、DEL 等控制字符）；请给文件改名后重新上传")
	}
	return catalog.Errorf(catalog.EINVALID, "上传数据不完整（传输在中途中断），请重新上传")
}

// readOneFile reads a form with one small file, into memory: its name, its
// bytes (at most max) and the form's fields; missing is the error of a
// form without the file. Its route takes files (route.files), so that
// its body is not cut at maxBodyBytes before max.
func readOneFile(w http.ResponseWriter, r *http.Request, max int64, missing error) (string, []byte, map[string]string, error) {
	fr, err := newFormReader(w, r, max+maxFormBytes+64<<10)
	if err != nil {
		return "", nil, nil, missing
	}
	var name string
	var data []byte
	for {
		part, err := fr.nextFile()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", nil, nil, err
		}
		if data != nil {
			return "", nil, nil, catalog.Errorf(catalog.EINVALID, "一次只能导入一个文件")
		}
		name = part.FileName()
		if data, err = io.ReadAll(io.LimitReader(part, max+1)); err != nil {
			return "", nil, nil, partError(err, max)
		}
		if int64(len(data)) > max {
			return "", nil, nil, catalog.Errorf(catalog.ETOOLARGE, "文件超过上限 %s", ingest.FormatBytes(max))
		}
	}
	if data == nil {
		return "", nil, nil, missing
	}
	return name, data, fr.fields, nil
}
