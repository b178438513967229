package extract

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// Word's "单个文件网页" (MHT, MIME HTML) is how many offices save a
// document for their web site, and such files come back renamed .doc: a
// MIME message whose first text/html part is the document, quoted-printable
// or base64, with its images in the other parts. Read as plain text it
// gave the MIME headers and lines of base64 as the document's words.

// MIMEMHT is the MIME type an MHT original is stored with.
const MIMEMHT = "multipart/related"

// looksLikeMHT reports a head that starts with the header of a MIME
// message whose body is multipart/related.
func looksLikeMHT(head []byte) bool {
	s := strings.TrimLeft(string(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))), " \t\r\n")
	if len(s) > 1024 {
		s = s[:1024]
	}
	s = strings.ToLower(s)
	for _, start := range []string{"mime-version:", "content-type:", "from:", "subject:", "date:", "content-location:"} {
		if strings.HasPrefix(s, start) {
			return strings.Contains(s, "multipart/related")
		}
	}
	return false
}

// mhtHTML returns the first text/html part of an MHT, decoded from its
// transfer encoding, and that part's Content-Type (which may name its
// charset). ok is false when data is not such a message.
func mhtHTML(data []byte) (page []byte, contentType string, ok bool) {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	body := bufio.NewReader(bytes.NewReader(data))
	hdr, err := textproto.NewReader(body).ReadMIMEHeader()
	if err != nil {
		return nil, "", false
	}
	mediaType, params, err := mime.ParseMediaType(hdr.Get("Content-Type"))
	if err != nil || mediaType != "multipart/related" || params["boundary"] == "" {
		return nil, "", false
	}
	r := multipart.NewReader(body, params["boundary"])
	for {
		part, err := r.NextPart()
		if err != nil {
			return nil, "", false
		}
		ct := part.Header.Get("Content-Type")
		if t, _, err := mime.ParseMediaType(ct); err != nil || t != "text/html" {
			continue
		}
		// multipart decodes quoted-printable itself; base64 is ours (its
		// decoder skips the line breaks).
		var src io.Reader = part
		if strings.EqualFold(strings.TrimSpace(part.Header.Get("Content-Transfer-Encoding")), "base64") {
			src = base64.NewDecoder(base64.StdEncoding, part)
		}
		page, err := io.ReadAll(src)
		if err != nil && len(page) == 0 {
			return nil, "", false
		}
		return page, ct, true
	}
}

func errMHTWithoutPage() error {
	return catalog.Errorf(catalog.EINVALID, "网页存档(MHT)文件中找不到网页正文,可能已损坏;请用 Word 打开后另存为 DOCX 或 PDF 再上传")
}
