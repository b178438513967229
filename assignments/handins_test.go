package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestTaskListsOnlyItsOwnHandIns: the coordinator uploads a file twice on
// the upload page, then 市教育局 hands in the same bytes for its task. The
// task lists 市教育局 jiaoyu once, not the coordinator's uploads, which
// were not made for it (the probe saw 提交:hz_coord、市教育局 jiaoyu、hz_coord).
func TestTaskListsOnlyItsOwnHandIns(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	a := imported(t, s)
	const text = "杭州市学分银行建设实施方案:建立市民终身学习账户,推进学习成果认证。"
	for range 2 {
		st, err := e.Ingest.Stage(strings.NewReader(text), "学分银行实施方案.txt")
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.Ingest.Upload(ctx, coordA, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "policy", Round: "2018"},
			Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("coordinator uploads: %v %v", err, out)
		}
	}
	d := handIn(t, e, jiaoyu, a["2.3.1"].ID, "实施方案.txt", text)
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if task.Indicator != "2.3.1" {
			continue
		}
		var who []string
		for _, sub := range task.Submissions[d.ID] {
			who = append(who, strings.TrimSpace(sub.Department+" "+sub.User))
		}
		if strings.Join(who, "、") != "市教育局 jiaoyu" {
			t.Errorf("task 2.3.1 lists hand-ins %q, want only 市教育局 jiaoyu", who)
		}
		return
	}
	t.Fatal("no task 2.3.1")
}

// TestAnotherDepartmentsTaskIsRefusedInWords: a contributor handing in for
// another department's task, another city's or one that does not exist is
// told what to do, in Chinese and English, not "任务 01M8… 不存在".
func TestAnotherDepartmentsTaskIsRefusedInWords(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	a := imported(t, s)
	task := a["2.3.1"]
	for _, tt := range []struct {
		who string
		u   *catalog.User
		id  string
	}{
		{"another department", renshe, task.ID},
		{"another city's department", cdJiaoyu, task.ID},
		{"no such task", jiaoyu, "01M8VE8ENWDDCFK4ZFYGCBPNWF"},
	} {
		st, err := e.Ingest.Stage(strings.NewReader("杭州市学分银行建设情况"), "学分银行工作总结.txt")
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Ingest.Upload(ctx, tt.u, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"}, Assignment: tt.id,
			Files: []*ingest.Staged{st}})
		st.Remove()
		zh, en := catalog.MessageIn(err, false), catalog.MessageIn(err, true)
		if catalog.ErrorCode(err) != catalog.ENOTFOUND || strings.Contains(zh, tt.id) || !strings.Contains(zh, "不属于您的部门") ||
			!strings.Contains(en, "not your department's") {
			t.Errorf("%s handing in: %v (English %q), want ENOTFOUND saying it is not their department's task, without the ID",
				tt.who, err, en)
		}
	}
}

// TestTaskShowsFirstWhoHandedItIn: a colleague of 市教育局 hands in a file
// for the department's task 3.1.1, then jiaoyu hands in the same bytes for
// 2.3.1. Task 2.3.1 shows jiaoyu's hand-in first, the one made for it,
// though the colleague's submission of the bytes is older; 3.1.1 shows the
// colleague's first.
func TestTaskShowsFirstWhoHandedItIn(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	a := imported(t, s)
	colleague := &catalog.User{Username: "jiaoyu2", Role: catalog.RoleContributor, City: hangzhou, Department: "市教育局"}
	const text = "杭州市社区教育工作总结:全市建成社区学院十三所,开展市民终身学习活动。"
	d := handIn(t, e, colleague, a["3.1.1"].ID, "社区教育总结.txt", text)
	if again := handIn(t, e, jiaoyu, a["2.3.1"].ID, "2018年社区教育工作总结.txt", text); again.ID != d.ID {
		t.Fatalf("the same bytes handed in again became document %s, want %s", again.ID, d.ID)
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.1": "jiaoyu", "3.1.1": "jiaoyu2"}
	for _, task := range tasks {
		first, ok := want[task.Indicator]
		if !ok {
			continue
		}
		delete(want, task.Indicator)
		subs := task.Submissions[d.ID]
		if len(subs) == 0 || subs[0].User != first {
			t.Errorf("task %s shows hand-ins %+v first, want %s's, who handed it in for the task", task.Indicator, subs, first)
		}
	}
	if len(want) > 0 {
		t.Fatalf("tasks %v not listed", want)
	}
}

// TestEachTaskShowsItsOwnHandIn: jiaoyu hands in one file for task 2.3.1
// as 学分银行实施方案.txt and the same bytes for 3.1.1 as 终身学习账户说明.txt:
// one document, and each task shows the hand-in made for it, under the
// name it was uploaded as (3.1.1 showed 学分银行实施方案.txt, the first
// task's).
func TestEachTaskShowsItsOwnHandIn(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	a := imported(t, s)
	const text = "杭州市学分银行建设实施方案:建立市民终身学习账户,推进学习成果认证。"
	d := handIn(t, e, jiaoyu, a["2.3.1"].ID, "学分银行实施方案.txt", text)
	if again := handIn(t, e, jiaoyu, a["3.1.1"].ID, "终身学习账户说明.txt", text); again.ID != d.ID {
		t.Fatalf("the same bytes handed in again became document %s, want %s", again.ID, d.ID)
	}
	want := map[string]string{"2.3.1": "学分银行实施方案.txt", "3.1.1": "终身学习账户说明.txt"}
	for code, name := range want {
		task, err := s.Get(ctx, jiaoyu, a[code].ID)
		if err != nil {
			t.Fatal(err)
		}
		subs := task.Submissions[d.ID]
		if len(subs) != 1 || subs[0].Filename != name || subs[0].User != "jiaoyu" || subs[0].Assignment != a[code].ID {
			t.Errorf("task %s shows hand-ins %+v, want jiaoyu's %s alone", code, subs, name)
		}
	}
}
