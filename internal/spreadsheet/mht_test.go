package spreadsheet

import (
	"bytes"
	"context"
	"encoding/base64"
	"mime/quotedprintable"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// mht is a single-file web page of the given parts, each a Content-Type
// and a body written with its transfer encoding ("quoted-printable",
// "base64" or none).
func mht(t *testing.T, parts ...[3]string) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01DA\"\r\n\r\n")
	b.Write(gb18030(t, "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"))
	for _, p := range parts {
		b.WriteString("------=_NextPart_01DA\r\nContent-Location: file:///C:/5D3A/sheet.htm\r\nContent-Type: " + p[0] + "\r\n")
		switch p[1] {
		case "quoted-printable":
			b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
			w := quotedprintable.NewWriter(&b)
			w.Write(gb18030(t, p[2]))
			w.Close()
		case "base64":
			b.WriteString("Content-Transfer-Encoding: base64\r\n\r\n")
			enc := base64.StdEncoding.EncodeToString([]byte(p[2]))
			for len(enc) > 76 {
				b.WriteString(enc[:76] + "\r\n")
				enc = enc[76:]
			}
			b.WriteString(enc)
		default:
			b.WriteString("\r\n" + p[2])
		}
		b.WriteString("\r\n\r\n")
	}
	b.WriteString("------=_NextPart_01DA--\r\n")
	return b.Bytes()
}

// TestReadWorkbookReadsMHT: an "Excel" file that is a single-file web
// page reads as the table of its first page holding one, in the charset
// its part declares (gb2312 read as GB18030, quoted-printable) or base64
// UTF-8; one without a page, cut short or with no table is refused saying
// what to do, and a hostile page inside is held to ReadHTMLTable's bounds.
func TestReadWorkbookReadsMHT(t *testing.T) {
	const frameset = `<html><head><title>责任分解表</title></head><frameset rows="*,39"><frame src="sheet001.htm"></frameset></html>`
	const table = `<html><head><meta charset="gb2312"><title>责任分解表</title></head><body><table>` +
		`<tr><td>指标编码</td><td>责任单位</td></tr><tr><td>1.1.1</td><td>市教育局（牵头）</td></tr><tr><td>𠀀3.2.1</td><td>市民政局</td></tr></table></body></html>`
	want := [][]string{{"指标编码", "责任单位"}, {"1.1.1", "市教育局（牵头）"}, {"𠀀3.2.1", "市民政局"}}
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"gb2312 quoted-printable after a frameset", mht(t, [3]string{`text/html; charset="gb2312"`, "quoted-printable", frameset},
			[3]string{`text/html; charset="gb2312"`, "quoted-printable", table}, [3]string{"text/xml", "", "<xml/>"})},
		{"UTF-8 base64", mht(t, [3]string{`text/html; charset="utf-8"`, "base64", strings.Replace(table, "gb2312", "utf-8", 1)})},
	} {
		if !LooksMHT(tt.data) || LooksHTML(tt.data) {
			t.Errorf("%s: LooksMHT %t, LooksHTML %t", tt.name, LooksMHT(tt.data), LooksHTML(tt.data))
		}
		name, got, err := ReadWorkbook(context.Background(), tt.data, 100, nil)
		if err != nil || name != "责任分解表" || !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: %q %q, %v\nwant %q", tt.name, name, got, err, want)
		}
	}

	tableMHT := mht(t, [3]string{`text/html; charset="gb2312"`, "quoted-printable", table})
	for _, tt := range []struct {
		name string
		data []byte
		code string
	}{
		{"no page, a picture only", mht(t, [3]string{"image/png", "base64", "\x89PNG"}), catalog.EINVALID},
		{"headers only", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n"), catalog.EINVALID},
		{"cut inside its first part's headers", tableMHT[:bytes.Index(tableMHT, []byte("Content-Location"))+20], catalog.EINVALID},
		{"a frameset alone", mht(t, [3]string{"text/html", "", frameset}), catalog.EINVALID},
		{"tables nested 10,000 deep", mht(t, [3]string{"text/html", "", strings.Repeat("<table><tr><td>", 10000)}), catalog.ETOOLARGE},
	} {
		if _, _, err := ReadWorkbook(context.Background(), tt.data, 100, nil); catalog.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
}
