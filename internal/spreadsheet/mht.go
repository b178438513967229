package spreadsheet

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// Word's and Excel's "单个文件网页" (MHT, MIME HTML) is how many offices
// save a document or a table for their web site, and such files come back
// renamed .doc or .xls: a MIME message whose text/html parts are the
// pages (Excel's, a frameset and a page per sheet), quoted-printable or
// base64, with their images in the other parts. The document extractor
// reads its first page, a table import the first page holding a table.

// LooksMHT reports a head that starts with the header of a MIME
// message whose body is multipart/related.
func LooksMHT(head []byte) bool {
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

// MHTPart is a text/html part of an MHT: the page, decoded from its
// transfer encoding, and the part's Content-Type, which may name its
// charset.
type MHTPart struct {
	Page        []byte
	ContentType string
}

// maxMHTParts bounds the parts of an MHT read, pictures included.
const maxMHTParts = 4096

// MHTPages returns the text/html parts of the MHT data, in order, up to
// the first part it cannot read or maxMHTParts; ok is false when data is
// no multipart/related message or holds no such part. The pages together
// are no larger than data.
func MHTPages(data []byte) (pages []MHTPart, ok bool) {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	body := bufio.NewReader(bytes.NewReader(data))
	hdr, err := textproto.NewReader(body).ReadMIMEHeader()
	if err != nil {
		return nil, false
	}
	mediaType, params, err := mime.ParseMediaType(hdr.Get("Content-Type"))
	if err != nil || mediaType != "multipart/related" || params["boundary"] == "" {
		return nil, false
	}
	r := multipart.NewReader(body, params["boundary"])
	for range maxMHTParts {
		part, err := r.NextPart()
		if err != nil {
			break
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
		if len(page) > 0 || err == nil {
			pages = append(pages, MHTPart{Page: page, ContentType: ct})
		}
		if err != nil {
			break
		}
	}
	return pages, len(pages) > 0
}

// readMHTTable reads the table of an MHT's first page that holds one, as
// ReadHTMLTable reads a page's, in the charset its part declares.
func readMHTTable(ctx context.Context, data []byte, maxRows int) (string, [][]string, error) {
	pages, ok := MHTPages(data)
	if !ok {
		return "", nil, catalog.Errorf(catalog.EINVALID, "网页存档(MHT)表格文件中找不到网页,可能已损坏;请用 Excel 或 WPS 打开,另存为 .xlsx 后再导入")
	}
	page := pages[0]
	for _, p := range pages {
		if bytes.Contains(bytes.ToLower(p.Page), []byte("<table")) {
			page = p
			break
		}
	}
	return readHTMLTable(ctx, page.Page, page.ContentType, maxRows)
}
