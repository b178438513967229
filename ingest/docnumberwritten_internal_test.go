package ingest

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestReadFieldsKeepsTheDocNumberAsWrittenUnlessOCRRead: a 文号 the file's
// own text writes in other brackets than 〔〕 is kept as written, its
// full-width brackets from the head; one OCR read off a scan is not,
// since OCR reads the printed 〔〕 as [ ] or ( ); a later page OCR read
// does not count against the first page's text.
func TestReadFieldsKeepsTheDocNumberAsWrittenUnlessOCRRead(t *testing.T) {
	const page = "杭州市教育局文件\n杭教成(2017)15号\n关于开展社区教育示范街道评选的通知\n各区教育局:\n正文。"
	const head = "杭州市教育局文件\n杭教成（2017）15号\n关于开展社区教育示范街道评选的通知\n各区教育局："
	for _, tt := range []struct {
		name    string
		pages   []string
		sources []string
		want    string
	}{
		{"the file's own text", []string{page}, nil, "杭教成（2017）15号"},
		{"read by OCR", []string{page}, []string{catalog.SourceOCR}, ""},
		{"an empty first page, then OCR", []string{"", page}, []string{catalog.SourceText, catalog.SourceOCR}, ""},
		{"text, then a scanned page", []string{page, "附件扫描件"}, []string{catalog.SourceText, catalog.SourceOCR}, "杭教成（2017）15号"},
	} {
		text := &StoredText{Head: head, Pages: tt.pages, PageSources: tt.sources}
		f := readFields(text, text.Pages, "")
		if f.DocNumber.Value != "杭教成〔2017〕15号" || f.DocNumber.Written != tt.want {
			t.Errorf("%s: 文号 %q written %q, want 杭教成〔2017〕15号 written %q", tt.name, f.DocNumber.Value, f.DocNumber.Written, tt.want)
		}
	}
}
