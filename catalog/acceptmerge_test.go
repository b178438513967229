package catalog

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// acceptMergeSetup is 市语委办's task 1.1.1 of 2018, submitted with D1
// (语言文字工作总结, filed under 市语委办 and handed in by its contributor
// yuwei), beside 市教育局's task 2.3.1; it returns the task and 市语委办.
func acceptMergeSetup(t *testing.T, s *Store) (task string, from *Department) {
	t.Helper()
	ctx := context.Background()
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "1.1.1", Department: "市语委办", Due: "2018-03-31"},
		{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range imp.Assignments {
		if a.Department == "市语委办" {
			task = a.ID
		}
	}
	doc := newDoc("D1", "aa")
	doc.Department, doc.UploadedBy, doc.Filename = "市语委办", "yuwei", "语言文字工作总结.txt"
	if err := s.CreateDocument(ctx, doc, Submission{User: "yuwei", Role: RoleContributor, Department: "市语委办",
		Filename: "语言文字工作总结.txt", Assignment: task}); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
		Documents: []string{"D1"}, By: "yuwei"}); err != nil {
		t.Fatal(err)
	}
	if from, err = s.DepartmentByName(ctx, "330100", "市语委办"); err != nil {
		t.Fatal(err)
	}
	return task, from
}

// TestAcceptWhileItsDepartmentIsMerged: on both catalogs, a coordinator
// clicks 确认 on 市语委办's task while another merges 市语委办 into 市教育局.
// 确认 holds the file handed in (FOR SHARE on PostgreSQL) and stops there
// (acceptFilesLocked) until the merge waits for a lock; then it goes on
// to update the task. The merge locks the documents it re-files before
// the tasks it moves, as 确认 does, so it waits for 确认 instead of
// holding the task 确认 needs (PostgreSQL's deadlock, 40P01, 目录数据库繁忙;
// review s44 #3): both complete, the task accepted and filed under 市教育局
// with its file.
func TestAcceptWhileItsDepartmentIsMerged(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		task, from := acceptMergeSetup(t, s)
		held, release := make(chan struct{}), make(chan struct{})
		s.acceptFilesLocked = pauseAtFirstCall(held, release)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		wg.Go(func() {
			errs[0] = s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: []AssignmentStatus{AssignmentSubmitted},
				To: AssignmentAccepted, HandedIn: []string{"D1"}, By: "wang",
				Files: func(docs map[string]*Document) error { return nil }})
		})
		<-held
		wg.Go(func() { _, errs[1] = s.MergeDepartment(ctx, from.ID, "市教育局", "li") })
		testfiles.WaitInside(t, "catalog.(*Store).MergeDepartment", 1)
		if s.dialect.name == "postgres" {
			waitForLockWait(t, s)
		}
		close(release)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("确认 and the merge at the same time: 确认 %v, merge %v; want both done", errs[0], errs[1])
		}
		a, err := s.Assignment(ctx, task)
		if err != nil || a.Status != AssignmentAccepted || a.Department != "市教育局" {
			t.Errorf("the task after both: %+v %v, want accepted under 市教育局", a, err)
		}
		if d, err := s.Document(ctx, "D1"); err != nil || d.Department != "市教育局" {
			t.Errorf("D1's 责任单位 after both: %q %v, want 市教育局", d.Department, err)
		}
	})
}

// TestAcceptAfterItsDepartmentsMergeLockedTheFiles: on both catalogs, the
// other order: the merge of 市语委办 into 市教育局 holds the files it
// re-files (mergeDocumentsLocked) while 确认 asks for them. 确认 waits, and
// once the merge has moved the task, it reads the file as the merge left
// it (filed under 市教育局), asks its question of that, and completes.
func TestAcceptAfterItsDepartmentsMergeLockedTheFiles(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		task, from := acceptMergeSetup(t, s)
		held, release := make(chan struct{}), make(chan struct{})
		s.mergeDocumentsLocked = pauseAtFirstCall(held, release)
		errs := make([]error, 2)
		var asked string
		var wg sync.WaitGroup
		wg.Go(func() { _, errs[1] = s.MergeDepartment(ctx, from.ID, "市教育局", "li") })
		<-held
		wg.Go(func() {
			errs[0] = s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: []AssignmentStatus{AssignmentSubmitted},
				To: AssignmentAccepted, HandedIn: []string{"D1"}, By: "wang",
				Files: func(docs map[string]*Document) error {
					if d := docs["D1"]; d != nil {
						asked = d.Department
					}
					return nil
				}})
		})
		testfiles.WaitInside(t, "catalog.(*Store).ChangeAssignment", 1)
		if s.dialect.name == "postgres" {
			waitForLockWait(t, s)
		}
		close(release)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("the merge and then 确认: 确认 %v, merge %v; want both done", errs[0], errs[1])
		}
		if asked != "市教育局" {
			t.Errorf("确认 asked of D1 filed under %q, want 市教育局 (as the merge left it)", asked)
		}
		if a, err := s.Assignment(ctx, task); err != nil || a.Status != AssignmentAccepted || a.Department != "市教育局" {
			t.Errorf("the task after both: %+v %v, want accepted under 市教育局", a, err)
		}
	})
}

// TestHandInLinkedWhileItsDepartmentIsMerged: on both catalogs, the
// coordinator's 确认以此提交 for 市语委办's task starts while a merge of
// 市语委办 into 市教育局 holds the departments (mergeDocumentsLocked). The
// hand-in waits for the task's department (holdTaskDepartment), finds it
// merged away once the merge commits, and files the submission under
// 市教育局, where the merge moved the task.
func TestHandInLinkedWhileItsDepartmentIsMerged(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "1.1.1", Department: "市语委办", Due: "2018-03-31"},
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		task := imp.Assignments[0].ID
		if imp.Assignments[0].Department != "市语委办" {
			task = imp.Assignments[1].ID
		}
		doc := newDoc("D1", "aa")
		doc.UploadedBy, doc.Filename = "wang", "杭州市语言文字工作实施方案.txt"
		if err := s.CreateDocument(ctx, doc, Submission{User: "wang", Filename: doc.Filename}); err != nil {
			t.Fatal(err)
		}
		from, err := s.DepartmentByName(ctx, "330100", "市语委办")
		if err != nil {
			t.Fatal(err)
		}
		held, release := make(chan struct{}), make(chan struct{})
		s.mergeDocumentsLocked = pauseAtFirstCall(held, release)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		wg.Go(func() { _, errs[1] = s.MergeDepartment(ctx, from.ID, "市教育局", "li") })
		<-held
		wg.Go(func() {
			errs[0] = s.HandInLinked(ctx, task, "D1", Submission{User: "wang", Role: RoleCoordinator, Department: "市语委办",
				Filename: "杭州市语言文字工作实施方案（确认以此提交）.txt"})
		})
		testfiles.WaitInside(t, "catalog.(*Store).HandInLinked", 1)
		if s.dialect.name == "postgres" {
			waitForLockWait(t, s)
		}
		close(release)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("the merge and 确认以此提交 at the same time: hand-in %v, merge %v; want both done", errs[0], errs[1])
		}
		subs, err := s.Submissions(ctx, "D1")
		if err != nil || len(subs) != 2 || subs[1].Department != "市教育局" {
			t.Errorf("D1's hand-ins after both: %+v %v, want the second filed under 市教育局", subs, err)
		}
	})
}

// pauseAtFirstCall is a test hook that, at its first call, closes held and
// waits for release; later calls pass straight through.
func pauseAtFirstCall(held, release chan struct{}) func() {
	var calls atomic.Int32
	return func() {
		if calls.Add(1) == 1 {
			close(held)
			<-release
		}
	}
}
