package ingest

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestReadFieldsUnfoldsFromTheTitlesSource: a title takes its full-width
// marks from the printed page first: the title the page prints takes its
// （试行）, not the (试行) of the file's title property above it in the
// head; a title read from the property that the page does not print
// keeps the property's own marks.
func TestReadFieldsUnfoldsFromTheTitlesSource(t *testing.T) {
	const printed = "关于印发《杭州市学分银行管理办法（试行）》的通知"
	page := "杭州市教育局文件\n杭教职成〔2018〕12号\n关于印发《杭州市学分银行管理办法(试行)》的通知\n各区、县(市)教育局:\n现印发给你们。"
	for _, tt := range []struct {
		name, title, head, want, source string
	}{
		{"the property and the page", "关于印发《杭州市学分银行管理办法(试行)》的通知",
			"关于印发《杭州市学分银行管理办法(试行)》的通知\n杭州市教育局文件\n杭教职成〔2018〕12号\n" + printed + "\n各区、县（市）教育局：",
			printed, fields.SourceEmbedded},
		{"read from the property, not printed", "杭州市学分银行管理办法(试行)",
			"杭州市学分银行管理办法（试行）\n杭州市教育局文件\n杭教职成〔2018〕12号\n关于印发《管理办法》的通知",
			"杭州市学分银行管理办法（试行）", fields.SourceEmbedded},
		{"a property with ASCII marks, a printed title line", "杭州市学分银行管理办法(试行)",
			"杭州市学分银行管理办法(试行)\n杭州市教育局文件\n杭教职成〔2018〕12号\n杭州市学分银行管理办法（试行）",
			"杭州市学分银行管理办法（试行）", fields.SourceEmbedded},
		{"no property", "", "杭州市教育局文件\n杭教职成〔2018〕12号\n" + printed, printed, fields.SourceTitleLine},
	} {
		text := &StoredText{Title: tt.title, Head: tt.head, Pages: []string{page}}
		f := readFields(text, text.Pages, "")
		if f.Title.Value != tt.want || f.Title.Source != tt.source {
			t.Errorf("%s: title %q from %s, want %q from %s", tt.name, f.Title.Value, f.Title.Source, tt.want, tt.source)
		}
	}
}

// TestHeadless: a text stored without a head is given one only when it
// was read from the file's own text and has text to take it from; a text
// OCR read is skipped (OCR is slow and reads a page differently each
// time).
func TestHeadless(t *testing.T) {
	for _, tt := range []struct {
		name string
		text StoredText
		want bool
	}{
		{"read from the file's text", StoredText{Pages: []string{"关于印发《管理办法(试行)》的通知"}}, true},
		{"a title property only", StoredText{Title: "管理办法(试行)", Pages: []string{""}}, true},
		{"with a head", StoredText{Head: "关于印发《管理办法（试行）》的通知", Pages: []string{"关于印发《管理办法(试行)》的通知"}}, false},
		{"read by OCR", StoredText{Pages: []string{"关于印发《管理办法(试行)》的通知"}, PageSources: []string{catalog.SourceOCR}}, false},
		{"no text", StoredText{Pages: []string{" ", ""}}, false},
	} {
		if got := tt.text.Headless(); got != tt.want {
			t.Errorf("%s: Headless = %v, want %v", tt.name, got, tt.want)
		}
	}
}
