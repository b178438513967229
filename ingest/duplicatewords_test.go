package ingest_test

import (
	"strings"
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

// TestDuplicateWordsSayWhoCanApplyAChoice: an uploader who may make the
// change is told to make it on the document's page; one who may not (a
// department contributor) is told to ask the city's coordinator, for a
// round as for a type (probe s39 #1).
func TestDuplicateWordsSayWhoCanApplyAChoice(t *testing.T) {
	d := &catalog.Document{Filename: "社区教育总结.txt", Round: "2017", DocType: catalog.DocType("work_summary"), UploadedBy: "wang"}
	for _, tt := range []struct {
		name   string
		un     ingest.Unapplied
		zh, en string
	}{
		{"may change the round", ingest.Unapplied{Round: "2018"},
			"其监测轮次未改动\uFF0C如需计入 2018年度\uFF0C请在文档页修改", "to count it in round 2018, change it on its page"},
		{"may not change the round", ingest.Unapplied{Round: "2018", AskCoordinator: true},
			"其监测轮次未改动\uFF0C如需计入 2018年度\uFF0C请联系本市协调员在文档页修改", "to count it in round 2018, ask the city's coordinator to change it on its page"},
		{"may not change the type", ingest.Unapplied{DocType: catalog.DocType("policy"), AskCoordinator: true},
			"其类型仍为工作总结\uFF0C如需改为政策文件\uFF0C请联系本市协调员在文档页修改", "to make it Policy document, ask the city's coordinator to change it on its page"},
	} {
		w := ingest.DuplicateWords(d, 0, false, tt.un)
		if !strings.HasSuffix(w.Chinese, tt.zh) || !strings.HasSuffix(w.English, tt.en) {
			t.Errorf("%s: %q / %q, want it to end %q / %q", tt.name, w.Chinese, w.English, tt.zh, tt.en)
		}
	}
}
