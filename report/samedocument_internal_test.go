package report

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSameDocumentTellsADraftFromItsFinal: a scan and the notice it is of
// fold however OCR misread the title, or lost the 文号 or the date; a
// draft (征求意见稿, 送审稿, 草案 in its title or file name) and its final,
// two 文号s or two dates of issue stay two documents.
func TestSameDocumentTellsADraftFromItsFinal(t *testing.T) {
	final := &catalog.Document{Title: "杭州市人民政府办公厅关于推进学习型城市建设的实施意见", Filename: "实施意见.pdf",
		DocNumber: "杭政办发〔2018〕12号", IssuedOn: "2018-03-12"}
	tests := []struct {
		name string
		scan catalog.Document
		want bool
	}{
		{"扫描件，标题误识", catalog.Document{Title: "柄州市人民政府办公打关于推进学习型城市建设的实施意见", Filename: "扫描件.pdf",
			DocNumber: "杭政办发〔2018〕12号", IssuedOn: "2018-03-12"}, true},
		{"扫描件，文号与日期被印章遮住", catalog.Document{Title: "杭州市人民政府办公厅关于推进学习型城市建设的实施意见", Filename: "扫描件.pdf"}, true},
		{"征求意见稿", catalog.Document{Title: "杭州市人民政府办公厅关于推进学习型城市建设的实施意见(征求意见稿)", Filename: "扫描件.pdf"}, false},
		{"文件名标明送审稿", catalog.Document{Title: "杭州市人民政府办公厅关于推进学习型城市建设的实施意见", Filename: "实施意见（送审稿）.pdf"}, false},
		{"草案", catalog.Document{Title: "关于推进学习型城市建设的实施意见（草案）"}, false},
		{"另一文号", catalog.Document{Title: final.Title, DocNumber: "杭政办发〔2019〕3号"}, false},
		{"另一成文日期", catalog.Document{Title: final.Title, IssuedOn: "2018-01-05"}, false},
	}
	for _, tt := range tests {
		if got := sameDocument(final, &tt.scan); got != tt.want {
			t.Errorf("%s: sameDocument = %v, want %v", tt.name, got, tt.want)
		}
		if got := sameDocument(&tt.scan, final); got != tt.want {
			t.Errorf("%s, the other way: sameDocument = %v, want %v", tt.name, got, tt.want)
		}
	}
}
