package extract

import (
	"bytes"
	"context"
	"encoding/base64"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// wordMHT writes a document as Word's 单个文件网页 does: a MIME message
// with a GBK preamble, the page quoted-printable in gb2312 (or base64 in
// UTF-8) and an image part after it.
func wordMHT(t testing.TB, page string, base64Page bool) []byte {
	t.Helper()
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var b bytes.Buffer
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart_01D6F2A1.3B2C4E10\"\r\n\r\n")
	b.Write(gbk("此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"))
	b.WriteString("------=_NextPart_01D6F2A1.3B2C4E10\r\nContent-Location: file:///C:/D6F2A1/notice.htm\r\n")
	if base64Page {
		b.WriteString("Content-Transfer-Encoding: base64\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n")
		enc := base64.StdEncoding.EncodeToString([]byte(page))
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n\r\n")
	} else {
		b.WriteString("Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n")
		w := quotedprintable.NewWriter(&b)
		w.Write(gbk(strings.Replace(page, "utf-8", "gb2312", 1)))
		w.Close()
		b.WriteString("\r\n\r\n")
	}
	b.WriteString("------=_NextPart_01D6F2A1.3B2C4E10\r\nContent-Location: file:///C:/D6F2A1/notice.files/image001.png\r\nContent-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n\r\n")
	b.WriteString("------=_NextPart_01D6F2A1.3B2C4E10--\r\n")
	return b.Bytes()
}

// TestWordMHTNamedDoc reads Word's single-file web pages renamed .doc,
// as offices send them: the page's words, not MIME headers and base64.
func TestWordMHTNamedDoc(t *testing.T) {
	const page = `<html><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>宁波市学习型城市建设实施意见</title></head>` +
		`<body><p class=MsoNormal align=center>甬政办发〔2018〕45号</p><p class=MsoNormal>推进学分银行建设，全年举办公益讲座342场。</p></body></html>`
	for _, tt := range []struct {
		name   string
		base64 bool
	}{{"quoted-printable gb2312", false}, {"base64 utf-8", true}} {
		t.Run(tt.name, func(t *testing.T) {
			data := wordMHT(t, page, tt.base64)
			format, mime, err := Sniff(data[:min(len(data), SniffLen)], "实施意见.doc")
			if err != nil || format != FormatHTML || mime != MIMEMHT {
				t.Fatalf("sniff: got %q %q %v, want %q %q", format, mime, err, FormatHTML, MIMEMHT)
			}
			// Named .txt it is read as the text its sender named it (a saved
			// e-mail may hold no page to read).
			if format, _, err := Sniff(data[:min(len(data), SniffLen)], "邮件.txt"); err != nil || format != FormatTXT {
				t.Errorf("sniff of the same bytes named .txt: %q %v, want %q", format, err, FormatTXT)
			}
			path := filepath.Join(t.TempDir(), "实施意见.doc")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Extract(context.Background(), format, path, Limits{})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			text := strings.Join(res.Pages, "\n")
			for _, want := range []string{"甬政办发〔2018〕45号", "推进学分银行建设", "342场"} {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q:\n%s", want, text)
				}
			}
			for _, junk := range []string{"Content-Type", "NextPart", "iVBOR", "=D1"} {
				if strings.Contains(text, junk) {
					t.Errorf("text holds MIME matter %q:\n%s", junk, text)
				}
			}
			if res.Title != "宁波市学习型城市建设实施意见" {
				t.Errorf("title %q, want the page's <title>", res.Title)
			}
		})
	}
}

func TestMHTWithoutPage(t *testing.T) {
	data := []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxxxx\r\n--b--\r\n")
	path := filepath.Join(t.TempDir(), "a.mht")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Extract(context.Background(), FormatHTML, path, Limits{})
	wantError(t, "MHT without a page", err, catalog.EINVALID, "找不到网页正文")
}
