package extract

import (
	"github.com/lcmonitor/evidence/catalog"
)

// Word's "单个文件网页" (MHT, MIME HTML) is how many offices save a
// document for their web site, and such files come back renamed .doc: a
// MIME message whose text/html parts are the document (Excel's: a frameset
// and a page per sheet), quoted-printable or base64, with its images in
// the other parts. Read as plain text it gave the MIME headers and lines
// of base64 as the document's words. spreadsheet.MHTPages reads the
// parts, for extractHTML and for table imports alike.

// MIMEMHT is the MIME type an MHT original is stored with.
const MIMEMHT = "multipart/related"

func errMHTWithoutPage() error {
	return catalog.Errorf(catalog.EINVALID, "网页存档（MHT）文件中找不到网页正文，可能已损坏；请用 Word 打开后另存为 DOCX 或 PDF 再上传")
}
