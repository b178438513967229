package catalog

import (
	"context"
	"strings"
	"testing"
)

// A link to a level-2 indicator is refused naming the indicator by its
// name_en in English, by its Chinese name when it has none.
func TestLinkRefusalNamesTheIndicatorInEnglish(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	inds := []Indicator{
		{Code: "2", Level: 1, Name: "终身学习体系建设", NameEN: "Lifelong-learning system"},
		{Code: "2.3", ParentCode: "2", Level: 2, Name: "学习成果认证与学分积累", NameEN: "Recognition of learning outcomes"},
		{Code: "2.4", ParentCode: "2", Level: 2, Name: "学习资源共享"},
		{Code: "2.3.1", ParentCode: "2.3", Level: 3, Name: "建立学分银行", Kind: Qualitative},
	}
	if _, err := s.ImportFramework(ctx, Framework{ID: "demo", Name: "示例", Version: "1"}, inds, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, zh, en string }{
		{"2.3", "2.3 学习成果认证与学分积累 是2级指标", "2.3 Recognition of learning outcomes is a level-2 indicator"},
		{"2.4", "2.4 学习资源共享 是2级指标", "2.4 学习资源共享 is a level-2 indicator"},
	} {
		err := s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: tt.code, CreatedBy: "zhang"}}, false)
		zh, en := ErrorMessage(err), MessageIn(err, true)
		if ErrorCode(err) != EINVALID || !strings.Contains(zh, tt.zh) || !strings.Contains(en, tt.en) {
			t.Errorf("link to %s: %q / %q, want EINVALID saying %q / %q", tt.code, zh, en, tt.zh, tt.en)
		}
	}
}
