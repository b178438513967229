package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestEnglishTasksSayWhatIsWantedInEnglish: 我的任务 in English gives the
// evidence wanted as the framework's info_en, the Chinese page its
// 信息性质说明, and a task whose indicator has no info_en the Chinese on
// the English page rather than nothing.
func TestEnglishTasksSayWhatIsWantedInEnglish(t *testing.T) {
	s := newSite(t)
	s.env.ImportAdding(catalog.Indicator{Code: "2.3.4", ParentCode: "2.3", Level: catalog.KeyLevel, Name: "学习成果互认案例",
		Kind: catalog.Qualitative, Info: "典型案例、认证办法"})
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	_, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n2.3.4,市教育局,2018-03-31,张老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	const zh, en, none = "制度文件、试点方案、典型案例", "Policy documents, pilot plans and case examples", "典型案例、认证办法"
	dept := s.login("jiaoyu")
	_, page := dept.get("/tasks")
	if !strings.Contains(page, zh) || strings.Contains(page, en) || !strings.Contains(page, none) {
		t.Errorf("Chinese 我的任务 does not give 2.3.1's 信息性质说明 %q and 2.3.4's %q:\n%.1500s", zh, none, textOf(page))
	}
	dept.english()
	_, page = dept.get("/tasks")
	if !strings.Contains(page, en) || strings.Contains(page, zh) || !strings.Contains(page, none) {
		t.Errorf("English 我的任务 does not give 2.3.1's info_en %q (or still shows %q), or 2.3.4's Chinese %q:\n%.1500s", en, zh, none, textOf(page))
	}
}
