package catalog

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestDocumentReturnsReadsItsOwnTasks: on SQLite and PostgreSQL, in a
// catalog of four tasks, returned once, twice, by file or never, with a
// file handed in on two tasks, each document's returns as DocumentReturns
// reads them, alone or with all the others, are what AllReturns reads for
// it; and DocumentReturns reads the rows of the tasks that list the
// document only, none for a document no returned task lists.
func TestDocumentReturnsReadsItsOwnTasks(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		tasks := fourReturnedTasks(t, s)
		all, err := s.AllReturns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{"台账", "名单", "台账修订", "总结", "总结补充", "总结定稿", "照片", "没有的文件"}
		together, err := s.DocumentReturns(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			id      string
			returns int
			tasks   []string // the tasks whose rows its read may read
		}{
			{"台账", 1, []string{tasks["教育"]}},
			{"名单", 1, []string{tasks["教育"], tasks["人社"]}},
			{"台账修订", 0, []string{tasks["教育"]}},
			{"总结", 2, []string{tasks["民政"]}},
			{"总结补充", 1, []string{tasks["民政"]}},
			{"总结定稿", 0, []string{tasks["民政"]}},
			{"照片", 0, nil},
			{"没有的文件", 0, nil},
		} {
			var want []DocumentReturn
			if d := all[c.id]; d != nil {
				want = d.Returns
			}
			if len(want) != c.returns {
				t.Fatalf("AllReturns gave %s %d returns, want %d: the catalog is not as the test built it", c.id, len(want), c.returns)
			}
			var read []string
			s.returnRowRead = func(task string) { read = append(read, task) }
			alone, err := s.DocumentReturns(ctx, []string{c.id})
			s.returnRowRead = nil
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(alone[c.id], want) {
				t.Errorf("DocumentReturns(%s) = %+v, want what AllReturns gives: %+v", c.id, alone[c.id], want)
			}
			if !reflect.DeepEqual(together[c.id], want) {
				t.Errorf("DocumentReturns(all)[%s] = %+v, want what AllReturns gives: %+v", c.id, together[c.id], want)
			}
			for _, task := range read {
				if !slices.Contains(c.tasks, task) {
					t.Errorf("DocumentReturns(%s) read a row of task %s, which does not list it (its tasks: %v)", c.id, task, c.tasks)
					break
				}
			}
		}
	})
}

// fourReturnedTasks builds, in 杭州's 2018 round, 市教育局's 2.3.1 (台账
// and 名单 returned, 台账修订 handed in after), 市人社局's 2.3.1 (名单,
// kept), 市民政局's 3.1.1 (总结 returned, handed in again with 总结补充,
// both returned, 总结定稿 handed in after) and 市文广旅局's 3.1.1 (照片,
// never returned), and returns their ids by 教育, 人社, 民政, 文广旅.
func fourReturnedTasks(t *testing.T, s *Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	clock := time.Now().UTC()
	s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "2.3.1", Department: "市教育局", Due: "2018-06-30"},
		{Indicator: "2.3.1", Department: "市人社局", Due: "2018-06-30"},
		{Indicator: "3.1.1", Department: "市民政局", Due: "2018-06-30"},
		{Indicator: "3.1.1", Department: "市文广旅局", Due: "2018-06-30"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	tasks := map[string]string{}
	for _, a := range imp.Assignments {
		tasks[map[string]string{"市教育局": "教育", "市人社局": "人社", "市民政局": "民政", "市文广旅局": "文广旅"}[a.Department]] = a.ID
	}
	handIn := func(task string, docs ...string) {
		t.Helper()
		for _, d := range docs {
			if _, err := s.Document(ctx, d); err != nil {
				if err := s.CreateDocument(ctx, newDoc(d, "sha-"+d), Submission{User: "dept", Filename: d + ".xlsx", Assignment: task}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: docs, By: "dept"}); err != nil {
			t.Fatal(err)
		}
	}
	giveBack := func(task, reason string) {
		t.Helper()
		if _, err := s.ReturnAssignment(ctx, task, reason, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	handIn(tasks["教育"], "台账", "名单")
	handIn(tasks["人社"], "名单")
	handIn(tasks["文广旅"], "照片")
	giveBack(tasks["教育"], "缺少各区县分项数据")
	handIn(tasks["教育"], "台账修订")
	handIn(tasks["民政"], "总结")
	giveBack(tasks["民政"], "缺少盖章")
	handIn(tasks["民政"], "总结", "总结补充")
	giveBack(tasks["民政"], "数据与年鉴不一致")
	handIn(tasks["民政"], "总结定稿")
	return tasks
}
