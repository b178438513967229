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
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"

	"github.com/lcmonitor/evidence/catalog"
)

// Word's and Excel's "单个文件网页" (MHT, MIME HTML) is how many offices
// save a document or a table for their web site, and such files come back
// renamed .doc or .xls: a MIME message whose text/html parts are the
// pages (Excel's, a frameset and a page per sheet), quoted-printable or
// base64, with their images in the other parts. Excel's and WPS's carry
// more than the sheets as text/html: WPS sends its script js.js so, and
// both a tabstrip.htm, the table of the sheets' names under them; such
// parts are no page (mhtNoPage). The document extractor reads every page,
// a table import the first sheet the frameset names (readMHTTable).

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
// transfer encoding, the part's Content-Type, which may name its charset,
// and its Content-Location, the address a frameset names it by.
type MHTPart struct {
	Page        []byte
	ContentType string
	Location    string
}

// maxMHTParts bounds the parts of an MHT read, pictures included.
const maxMHTParts = 4096

// MHTPages returns the text/html parts of the MHT data, in order, up to
// the first part it cannot read or maxMHTParts, passing over those that
// are no page (mhtNoPage); ok is false when data is no multipart/related
// message or holds no such part. The pages together are no larger than
// data.
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
		loc := part.Header.Get("Content-Location")
		if t, _, err := mime.ParseMediaType(ct); err != nil || t != "text/html" || mhtNoPage(loc) {
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
			pages = append(pages, MHTPart{Page: page, ContentType: ct, Location: loc})
		}
		if err != nil {
			break
		}
	}
	return pages, len(pages) > 0
}

// mhtNoPage reports a part's Content-Location that names no page, sent
// as text/html though it is: a script, a style sheet, XML (Excel's
// filelist.xml), or the tab strip of a workbook's sheets (tabstrip.htm,
// a table of the sheets' names and the arrows « < > » that scroll them).
func mhtNoPage(location string) bool {
	l := strings.ToLower(strings.TrimSpace(location))
	if i := strings.IndexAny(l, "?#"); i >= 0 {
		l = l[:i]
	}
	for _, end := range []string{".js", ".css", ".xml", "/tabstrip.htm", "/tabstrip.html"} {
		if strings.HasSuffix(l, end) {
			return true
		}
	}
	return l == "tabstrip.htm" || l == "tabstrip.html"
}

// readMHTTable reads the table of an MHT as ReadHTMLTable reads a page's,
// in the charset its part declares: the page of the workbook's first
// sheet when a frameset names it (mhtSheetPage), else the page whose
// table has the most cells.
func readMHTTable(ctx context.Context, data []byte, maxRows int) (string, [][]string, error) {
	pages, ok := MHTPages(data)
	if !ok {
		return "", nil, catalog.Errorf(catalog.EINVALID, "单个文件网页（MHT）表格文件中找不到网页，可能已损坏；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入")
	}
	if p, ok := mhtSheetPage(pages); ok {
		return readHTMLTable(ctx, p.Page, p.ContentType, maxRows)
	}
	var title string
	var best *htmlTable
	for _, p := range pages {
		t, table, err := readHTMLTables(ctx, p.Page, p.ContentType, maxRows)
		if err != nil {
			return "", nil, err
		}
		if table != nil && (best == nil || table.cells > best.cells) {
			title, best = t, table
		}
	}
	return finishHTMLTable(title, best)
}

// mhtSheetPage is the page of the first sheet a frameset among pages
// names: the first <link id=shLink> (Excel and WPS list every sheet so,
// in order), else its frame named frSheet (the sheet shown on opening).
// ok is false when no frameset names a page there is.
func mhtSheetPage(pages []MHTPart) (MHTPart, bool) {
	for _, frameset := range pages {
		href := framesetSheet(frameset.Page)
		if href == "" {
			continue
		}
		for _, p := range pages {
			if sameLocation(frameset.Location, href, p.Location) {
				return p, true
			}
		}
	}
	return MHTPart{}, false
}

// framesetSheet is the address the frameset page names its first sheet
// by, "" when it names none. Addresses are ASCII (sheet001.htm), so the
// page is read in whatever charset it is.
func framesetSheet(page []byte) string {
	if !bytes.Contains(bytes.ToLower(page), []byte("<frameset")) {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	var frame string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return frame
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = strings.TrimSpace(string(v))
		}
		switch string(name) {
		case "link":
			if strings.EqualFold(attrs["id"], "shLink") && attrs["href"] != "" {
				return attrs["href"]
			}
		case "frame":
			if strings.EqualFold(attrs["name"], "frSheet") && frame == "" {
				frame = attrs["src"]
			}
		}
	}
}

// sameLocation reports whether href, written in the page at base, names
// the part at location: the address it resolves to, or failing that (a
// writer whose locations are not URLs) the same file name.
func sameLocation(base, href, location string) bool {
	if location == "" {
		return false
	}
	b, err1 := url.Parse(strings.TrimSpace(base))
	h, err2 := url.Parse(strings.ReplaceAll(href, "\\", "/"))
	if err1 == nil && err2 == nil && strings.EqualFold(b.ResolveReference(h).String(), strings.TrimSpace(location)) {
		return true
	}
	return strings.EqualFold(path.Base(strings.ReplaceAll(href, "\\", "/")), path.Base(strings.ReplaceAll(strings.TrimSpace(location), "\\", "/")))
}
