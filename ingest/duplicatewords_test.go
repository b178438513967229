package ingest_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestDuplicateWordsOfADocumentOfNoRound: a duplicate of a document of no
// round sent with indicators says they are now linked to it, not the
// circular 本次关联的指标已关联 (the indicators linked are linked).
func TestDuplicateWordsOfADocumentOfNoRound(t *testing.T) {
	d := &catalog.Document{Filename: "学分银行管理办法.txt"}
	w := ingest.DuplicateWords(d, 0, true, ingest.Unapplied{})
	if want := "与已保存的“学分银行管理办法.txt”是同一文件\uFF08内容完全相同\uFF09\uFF0C未重复保存\uFF1B本次选择的指标已关联到该文档"; w.Chinese != want {
		t.Errorf("Chinese: %q, want %q", w.Chinese, want)
	}
	if want := "the same file as the stored “学分银行管理办法.txt” (exactly the same content), not stored twice; the indicators chosen are now linked to it"; w.English != want {
		t.Errorf("English: %q, want %q", w.English, want)
	}
}
