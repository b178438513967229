package spreadsheet

import (
	"errors"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestDecodeTextIsOneRule: the decoder a table import and the document
// extractor share tells UTF-8, UTF-16 and GB18030 apart and refuses what
// is none of them, which ReadDelimited words for an import. (The
// extractor's TestDecodeText holds it to many more cases.)
func TestDecodeTextIsOneRule(t *testing.T) {
	noise := make([]byte, 2048)
	for i := range noise {
		noise[i] = byte(0x81 + i*37%0x7e)
	}
	for _, tt := range []struct {
		name, encoding, text string
		data                 []byte
	}{
		{"UTF-8 with a BOM", "utf-8", "指标编码,责任单位", []byte("\xef\xbb\xbf指标编码,责任单位")},
		{"UTF-16LE with a BOM", "utf-16le", "市教育局", []byte("\xff\xfe\x02\x5e\x59\x65\xb2\x80\x40\x5c")},
		{"GB18030", "gb18030", "杭州市学习型城市建设监测责任分解表", gb18030(t, "杭州市学习型城市建设监测责任分解表")},
		{"noise", "", "", noise},
	} {
		text, enc, err := DecodeText(tt.data)
		switch {
		case tt.encoding == "" && !errors.Is(err, ErrEncoding):
			t.Errorf("%s: %q, %v; want ErrEncoding", tt.name, text, err)
		case tt.encoding != "" && (err != nil || enc != tt.encoding || text != tt.text):
			t.Errorf("%s: %q %q, %v; want %q %q", tt.name, text, enc, err, tt.text, tt.encoding)
		}
	}
	if _, err := ReadDelimited(noise, 100); catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorMessage(err) == "" {
		t.Errorf("an import of noise: %v, want EINVALID saying to save as UTF-8", err)
	}
	for head, want := range map[string]bool{
		"<!DOCTYPE html><table>": true, "\xef\xbb\xbf  <div>杭州</div>": true, "<p class=MsoNormal>通知</p>": true,
		`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`:                     true,
		`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`: false,
		"指标编码,责任单位\n": false,
	} {
		if LooksHTML([]byte(head)) != want {
			t.Errorf("LooksHTML(%q) = %t, want %t", head, !want, want)
		}
	}
	if LooksText([]byte("PK\x03\x04\x00\x00")) || !LooksText([]byte("编号\t名称\n")) || !LooksText([]byte("\xfe\xff\x00A")) {
		t.Error("LooksText: a zip read as text, or text or UTF-16 as binary")
	}
}
