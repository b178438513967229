package packs

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestReadmeIsWrittenAsChineseIs: the README's Chinese has full-width
// punctuation (城市：杭州（330100）), its time is China time with UTC+8
// like the rest of the archive, and its commands stay as typed.
func TestReadmeIsWrittenAsChineseIs(t *testing.T) {
	p := &Pack{Report: &report.Report{City: catalog.City{Code: "330100", Name: "杭州"}, Round: 2018},
		By: "wang", At: time.Date(2026, 12, 1, 11, 58, 0, 0, time.UTC)}
	var buf bytes.Buffer
	if err := writeReadme(&buf, p); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	// Written with escapes: an editor may fold typed full-width marks.
	for _, want := range []string{
		"城市\uFF1A杭州\uFF08330100\uFF09  监测轮次\uFF1A2018  生成时间\uFF1A2026-12-01 19:58 UTC+8  生成人\uFF1Awang  原件\uFF1A0 份\r\n",
		"文件清单\uFF1A每个文件一行\uFF0C依次为",
		"关键指标\uFF08分号分隔\uFF09。",
		"用档案库程序\uFF08不需联网\uFF09\uFF1A",
		"Linux\uFF1Atail -n +2 manifest.csv | cut -d, -f1,2 | awk -F, '{print $2\"  \"$1}' | sha256sum -c\r\n",
		"Windows\uFF1Acertutil -hashfile originals\\文件名 SHA256\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("README lacks %q:\n%s", want, text)
		}
	}
	rs := []rune(text)
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && unicode.Is(unicode.Han, rs[i-1]) && unicode.Is(unicode.Han, rs[i+1]) {
			// “学习型城市建设监测 证据包” (probe s36 finding 16).
			t.Errorf("README has an ASCII space between Chinese words: %q", string(rs[max(0, i-8):min(len(rs), i+8)]))
		}
		if !strings.ContainsRune(",;:()!?", r) {
			continue
		}
		if (i > 0 && unicode.Is(unicode.Han, rs[i-1])) || (i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1])) {
			t.Errorf("README has an ASCII %q next to Chinese: %q", r, string(rs[max(0, i-8):min(len(rs), i+8)]))
		}
	}
}

// TestReadmeOpensInOldNotepad: README.txt starts with a UTF-8 BOM, so
// Notepad before Windows 10 does not read its Chinese as GBK.
func TestReadmeOpensInOldNotepad(t *testing.T) {
	p := &Pack{Report: &report.Report{City: catalog.City{Code: "330100", Name: "杭州"}, Round: 2018}, By: "wang"}
	var buf bytes.Buffer
	if err := writeReadme(&buf, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff学习型城市")) {
		t.Errorf("README starts %q, want a UTF-8 BOM before the text", buf.Bytes()[:12])
	}
}
