package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

var selectedKind = regexp.MustCompile(`<select name="doc_type"[^>]*>.*?<option value="(\w+)" selected>`)

// TestTaskFormStartsAtTheKindItsIndicatorAsks: each hand-in form on 我的任务
// starts at the kind of document its indicator's 信息性质说明 asks for —
// 1.1.1 (政策文件（文号、发布日期、发文机关）) at 政策文件, 2.3.3 (学分银行系统
// 统计) at 统计数据 — and one that names none (5.3.2 报送记录) at 工作总结;
// a form sent back keeps the kind that was chosen. The probe saw every
// task at 工作总结 and a 政策文件 stored as one.
func TestTaskFormStartsAtTheKindItsIndicatorAsks(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	if _, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2099-03-31,张老师\n2.3.3,市教育局,2099-03-31,张老师\n5.3.2,市教育局,2099-03-31,张老师\n")}); err != nil {
		t.Fatal(err)
	}
	dept := s.login("jiaoyu")
	kinds := func(page string) map[string]string {
		got := map[string]string{}
		for _, article := range strings.Split(page, `<article`)[1:] {
			code := regexp.MustCompile(`\b(\d\.\d\.\d)\b`).FindString(article)
			if m := selectedKind.FindStringSubmatch(article); m != nil {
				got[code] = m[1]
			}
		}
		return got
	}
	_, page := dept.get("/tasks?round=2018")
	want := map[string]string{"1.1.1": "policy", "2.3.3": "statistics", "5.3.2": "work_summary"}
	got := kinds(page)
	for code, kind := range want {
		if got[code] != kind {
			t.Errorf("我的任务 %s's form starts at %q, want %q (all: %v)", code, got[code], kind, got)
		}
	}
	// A form sent back (no file) keeps what was chosen on it.
	ids := map[string]string{}
	for _, article := range strings.Split(page, `<article`)[1:] {
		if m := taskIDs.FindStringSubmatch(article); m != nil {
			ids[regexp.MustCompile(`\b(\d\.\d\.\d)\b`).FindString(article)] = m[1]
		}
	}
	back := dept.postFilesBody("/tasks/"+ids["1.1.1"]+"/upload", map[string]string{"round": "2018", "doc_type": "press_report"}, nil)
	if got := kinds(back.body); got["1.1.1"] != "press_report" || got["2.3.3"] != "statistics" {
		t.Errorf("1.1.1's form sent back without a file: kinds %v, want 1.1.1 kept at press_report and 2.3.3 at statistics", got)
	}
}
