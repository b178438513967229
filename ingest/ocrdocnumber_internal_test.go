package ingest

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestReadFieldsTakesOCRsMisreadBracketsFromAScanOnly: the stored text of
// a photo whose 文号 OCR read as 甬教终 .2024] 7号 has 甬教终〔2024〕7号,
// as the DOCX of the notice does; the same text from a file's text layer
// has no 文号, and neither has a scan whose head page is a text layer.
func TestReadFieldsTakesOCRsMisreadBracketsFromAScanOnly(t *testing.T) {
	page := "宁波市教育局文件\n\n甬教终 .2024] 7号\n\n关于开展2024年全民终身学习活动周的通知\n\n各区县(市)教育局:\n正文。"
	for _, tt := range []struct {
		name    string
		sources []string
		want    string
	}{
		{"a photo read by OCR", []string{catalog.SourceOCR}, "甬教终〔2024〕7号"},
		{"a text layer", nil, ""},
		{"a text layer first, a scanned page after", []string{catalog.SourceText, catalog.SourceOCR}, ""},
	} {
		text := &StoredText{Pages: []string{page, page}, PageSources: tt.sources}
		if tt.sources == nil {
			text.Pages = text.Pages[:1]
		}
		if f := readFields(text, text.Pages, "通知.jpg"); f.DocNumber.Value != tt.want {
			t.Errorf("%s: 文号 %q, want %q", tt.name, f.DocNumber.Value, tt.want)
		}
	}
}
