package web

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestUploadOffersTheTasksTheBoardDoes: 杭州's 2018 tasks are one of each
// status — 2.3.1 of 市教育局 未提交, 2.3.2 of 市文旅局 已提交, 3.1.1 of 市人社局
// 已退回, 2.2.1 of 市统计局 已确认. The board offers its hand-in form
// (为本任务提交文件) on the open and the returned task, and the upload page's
// 提交到任务 choice offers the same two, for the city's coordinator and for
// an admin. The upload page used to offer the submitted task as well.
func TestUploadOffersTheTasksTheBoardDoes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	add := func(indicator, department string) string {
		t.Helper()
		a, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
			Indicator: indicator, Department: department, Due: "2099-03-31"})
		if err != nil {
			t.Fatalf("add %s %s: %v", indicator, department, err)
		}
		return a.ID
	}
	submit := func(id, file string) {
		t.Helper()
		doc := s.env.Upload("330100", file, "杭州市"+file+"，2018年工作情况。")
		if err := s.env.Assignments.Submitted(ctx, testenv.Admin, id, []string{doc.ID}); err != nil {
			t.Fatalf("hand %s in for %s: %v", file, id, err)
		}
	}
	open, submitted := add("2.3.1", "市教育局"), add("2.3.2", "市文旅局")
	returned, accepted := add("3.1.1", "市人社局"), add("2.2.1", "市统计局")
	submit(submitted, "学习卡发放情况.txt")
	submit(returned, "职工培训情况.txt")
	if _, err := s.env.Assignments.Return(ctx, testenv.Admin, returned, "缺少培训人次统计"); err != nil {
		t.Fatal(err)
	}
	submit(accepted, "统计公报.txt")
	acceptAnswering(t, s, accepted)
	names := map[string]string{open: "未提交", submitted: "已提交", returned: "已退回", accepted: "已确认"}
	want := []string{open, returned}
	slices.Sort(want)

	boardForm := regexp.MustCompile(`<form method="post" action="/assignments/([0-9A-Z]+)/upload"`)
	choice := regexp.MustCompile(`(?s)<select id="assignment" name="assignment".*?</select>`)
	option := regexp.MustCompile(`<option value="([0-9A-Z]+)"`)
	for _, who := range []string{"wang", "admin"} {
		b := s.login(who)
		_, board := b.get("/assignments?city=330100&round=2018")
		_, upload := b.get("/upload")
		for _, tt := range []struct {
			page string
			re   *regexp.Regexp
			body string
		}{
			{"the board's hand-in forms", boardForm, board},
			{"the upload page's 提交到任务", option, choice.FindString(upload)},
		} {
			var got []string
			for _, m := range tt.re.FindAllStringSubmatch(tt.body, -1) {
				got = append(got, m[1])
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s offer %v, want the 未提交 and 已退回 tasks %v (%v)", who, tt.page, got, want, names)
			}
		}
	}
}
