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

// mhtPart is a part of a single-file web page as a test writes it: its
// Content-Location, its Content-Type and its body, bytes as they are,
// quoted-printable.
type mhtPart struct{ location, contentType, body string }

// mhtOf is a single-file web page of parts.
func mhtOf(parts ...mhtPart) []byte {
	var b bytes.Buffer
	b.WriteString("MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01DA\"\r\n\r\n")
	for _, p := range parts {
		b.WriteString("------=_NextPart_01DA\r\nContent-Location: " + p.location + "\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: " + p.contentType + "\r\n\r\n")
		w := quotedprintable.NewWriter(&b)
		w.Write([]byte(p.body))
		w.Close()
		b.WriteString("\r\n\r\n")
	}
	b.WriteString("------=_NextPart_01DA--\r\n")
	return b.Bytes()
}

// Pages of a workbook saved as a single-file web page besides its sheets.
const (
	// excelFrameset is Excel's: a script that builds the tab strip as a
	// table, a shLink per sheet, the frame of the sheet shown.
	excelFrameset = `<html><head><meta name="Excel Workbook Frameset"><title>责任分解表</title>` +
		`<link id="shLink" href="book.files/sheet001.htm"><link id="shLink" href="book.files/sheet002.htm">` +
		`<script language="JavaScript">function fnBuildTabStrip(){var aHtml=[];aHtml.push('<table border=0 cellspacing=0 cellpadding=0><tr><td>');}</script></head>` +
		`<frameset rows="*,39"><frame src="book.files/sheet002.htm" name="frSheet"><frame src="book.files/tabstrip.htm" name="frTabs"></frameset></html>`
	// tabStrip is the table of the sheets' names under them.
	tabStrip = `<html><head><meta charset="UTF-8"></head><body><table border=0 cellspacing=1><tr><td><a href="#">«</a></td><td><a href="#">&lt;</a></td>` +
		`<td><a href="sheet001.htm" target="frSheet">责任分解表</a></td><td><a href="sheet002.htm" target="frSheet">说明</a></td></tr></table></body></html>`
	// wpsScript is WPS's js.js, sent as text/html.
	wpsScript = `function fnBuildTabStrip(){var s='<table border=0><tr><td>«</td><td><</td>';for(var i=0;i<c_lTabs;i++){s+='<td>'+c_rgszSh[i]+'</td>';}document.write(s+'</tr></table>');}`
)

// TestReadWorkbookReadsMHTOfExcelAndWPS: a workbook Excel or WPS saved as
// a single-file web page reads as its first sheet's table, not a table
// its scripts write nor its tab strip of sheet names, even when the
// frameset shows another sheet; WPS's UTF-8 pages labelled
// charset="us-ascii" read as UTF-8. Without a frameset naming a sheet,
// the page whose table has the most cells is read.
func TestReadWorkbookReadsMHTOfExcelAndWPS(t *testing.T) {
	const sheet = `<html><head><meta charset="UTF-8"><title>责任分解表</title></head><body><table>` +
		`<tr><td>指标编码</td><td>责任单位</td></tr><tr><td>1.1.1</td><td>市教育局（牵头）</td></tr><tr><td>3.2.1</td><td>市民政局</td></tr></table></body></html>`
	const notes = `<html><head><meta charset="UTF-8"></head><body><table><tr><td>说明</td><td>填报</td><td>要求</td></tr>` +
		`<tr><td>一</td><td>二</td><td>三</td></tr><tr><td>四</td><td>五</td><td>六</td></tr><tr><td>七</td><td>八</td><td>九</td></tr></table></body></html>`
	want := [][]string{{"指标编码", "责任单位"}, {"1.1.1", "市教育局（牵头）"}, {"3.2.1", "市民政局"}}
	const dir = "file:///C:/5D3A2B1C/"
	ascii := `text/html; charset="us-ascii"`
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"Excel: frameset with a script, tab strip, the sheets", mhtOf(
			mhtPart{dir + "book.htm", `text/html; charset="utf-8"`, excelFrameset},
			mhtPart{dir + "book.files/tabstrip.htm", `text/html; charset="utf-8"`, tabStrip},
			mhtPart{dir + "book.files/sheet001.htm", `text/html; charset="utf-8"`, sheet},
			mhtPart{dir + "book.files/sheet002.htm", `text/html; charset="utf-8"`, notes})},
		{"WPS: frameset, js.js and tab strip sent as text/html, us-ascii labels", mhtOf(
			mhtPart{dir + "book.htm", ascii, excelFrameset},
			mhtPart{dir + "book.files/js.js", ascii, wpsScript},
			mhtPart{dir + "book.files/tabstrip.htm", ascii, tabStrip},
			mhtPart{dir + "book.files/sheet001.htm", ascii, sheet},
			mhtPart{dir + "book.files/sheet002.htm", ascii, notes})},
		{"no frameset: the largest table", mhtOf(
			mhtPart{"strip.htm", ascii, tabStrip},
			mhtPart{"page.htm", ascii, sheet})},
	} {
		name, got, err := ReadWorkbook(context.Background(), tt.data, 100, nil)
		if err != nil || name != "责任分解表" || !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: %q %q, %v\nwant %q", tt.name, name, got, err, want)
		}
	}
}

// TestMHTPagesPassOverScriptsAndTabStrip: the parts an MHT sends as
// text/html that are no page, WPS's js.js and the tab strip of sheet
// names, are no page a document reads.
func TestMHTPagesPassOverScriptsAndTabStrip(t *testing.T) {
	data := mhtOf(
		mhtPart{"file:///C:/5D3A/book.htm", "text/html", excelFrameset},
		mhtPart{"file:///C:/5D3A/book.files/js.js", "text/html", wpsScript},
		mhtPart{"file:///C:/5D3A/book.files/TabStrip.htm", "text/html", tabStrip},
		mhtPart{"file:///C:/5D3A/book.files/style.css?v=1", "text/html", "td{color:red}"},
		mhtPart{"file:///C:/5D3A/book.files/sheet001.htm", "text/html", "<p>正文</p>"})
	pages, ok := MHTPages(data)
	var got []string
	for _, p := range pages {
		got = append(got, p.Location)
	}
	if want := []string{"file:///C:/5D3A/book.htm", "file:///C:/5D3A/book.files/sheet001.htm"}; !ok || !slices.Equal(got, want) {
		t.Errorf("pages %q, %t; want %q", got, ok, want)
	}
}

// TestDecodeHTMLOfMHTParts: a part labelled US-ASCII or Latin-1 is
// read as its bytes and its <meta> say: UTF-8 as UTF-8, GB18030 declared
// gb2312 as GB18030; a label of a Chinese charset still holds.
func TestDecodeHTMLOfMHTParts(t *testing.T) {
	utf8Page := `<html><head><meta charset=UTF-8></head><body>指标编码</body></html>`
	gbPage := string(gb18030(t, `<html><head><meta charset="gb2312"></head><body>指标编码</body></html>`))
	for _, tt := range []struct {
		name, page, contentType, want string
	}{
		{"UTF-8 labelled us-ascii", utf8Page, `text/html; charset="us-ascii"`, "utf-8"},
		{"UTF-8 labelled iso-8859-1", utf8Page, `text/html; charset=iso-8859-1`, "utf-8"},
		{"GB18030 labelled us-ascii, meta gb2312", gbPage, `text/html; charset="us-ascii"`, "gbk"},
		{"GB18030 labelled gbk", gbPage, `text/html; charset="gbk"`, "gbk"},
	} {
		out, name, err := DecodeHTML([]byte(tt.page), tt.contentType)
		if err != nil || name != tt.want || !strings.Contains(string(out), "指标编码") {
			t.Errorf("%s: %q as %q, %v; want 指标编码 as %q", tt.name, out, name, err, tt.want)
		}
	}
}
