package assignments_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// uploadAs stores text on the upload page as u for hangzhou's round 2018,
// linked to codes.
func uploadAs(t *testing.T, e *testenv.Env, u *catalog.User, filename, text string, codes ...string) *catalog.Document {
	t.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), filename)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), u, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "policy",
		Round: "2018"}, Indicators: codes, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("%s uploads %s: %v %v", u.Username, filename, err, out)
	}
	return out[0].Document
}

// linkedTo says whether document id is linked to indicator code.
func linkedTo(t *testing.T, e *testenv.Env, id, code string) bool {
	t.Helper()
	links, err := e.Catalog.DocumentLinks(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(links, func(l catalog.Link) bool { return l.IndicatorCode == code })
}

// renshe231 gives 市人社局 a task for 2.3.1 too and returns it.
func renshe231(t *testing.T, s *assignments.Service) string {
	t.Helper()
	task, err := s.Add(context.Background(), coordA, assignments.NewAssignment{City: hangzhou, Round: 2018, Indicator: "2.3.1",
		Department: "杭州市人力资源和社会保障局", Due: "2018-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	return task.ID
}

const summaryText = "2018年杭州市社区教育工作总结：新建社区学校12所，参与市民3.2万人次。"

// TestReturnTakesAwayTheHandInsLinks: the coordinator returns 市教育局's
// hand-in for 2.3.1 with a reason. The link the hand-in made goes with it
// (audited, naming the task), so the file no longer counts for 2.3.1; the
// file stays, listed on the task. A link the coordinator made by hand
// before the department handed in the same file stays, and so does one
// another department's hand-in of the same file still relies on.
func TestReturnTakesAwayTheHandInsLinks(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		// setup hands in (and more) and returns the document handed in
		// for 市教育局's task 2.3.1.
		setup    func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document
		wantKept bool
	}{
		{"部门提交的工作总结", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			return handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
		}, false},
		{"协调员已先关联同一文件", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			uploadAs(t, e, coordA, "学分银行管理办法.txt", "杭州市学分银行管理办法：建立市民终身学习账户。", "2.3.1")
			return handIn(t, e, jiaoyu, task, "管理办法.txt", "杭州市学分银行管理办法：建立市民终身学习账户。")
		}, true},
		{"市人社局也提交了同一文件", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			d := handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
			handIn(t, e, renshe, renshe231(t, s), "人社局工作总结.txt", summaryText)
			return d
		}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, s := newService(t)
			task := imported(t, s)["2.3.1"].ID
			d := tt.setup(t, e, s, task)
			if !linkedTo(t, e, d.ID, "2.3.1") {
				t.Fatalf("after the hand-in, 《%s》 is not linked to 2.3.1", d.Title)
			}
			got, err := s.Return(ctx, coordA, task, "工作总结不是学分银行制度文件，请补交学分银行管理办法")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != catalog.AssignmentReturned || !slices.Contains(got.Documents, d.ID) {
				t.Errorf("returned task: %s %v, want 已退回 still listing the file %s", got.Status, got.Documents, d.ID)
			}
			if kept := linkedTo(t, e, d.ID, "2.3.1"); kept != tt.wantKept {
				t.Errorf("after 退回, 《%s》 linked to 2.3.1: %v, want %v", d.Title, kept, tt.wantKept)
			}
			if n := len(got.Unlinked); (n == 0) != tt.wantKept {
				t.Errorf("the return says it unlinked %v", got.Unlinked)
			}
			if _, err := e.Catalog.Document(ctx, d.ID); err != nil {
				t.Errorf("the returned file is gone: %v", err)
			}
			events, err := e.Catalog.Events(ctx, d.ID, 50)
			if err != nil {
				t.Fatal(err)
			}
			audited := slices.ContainsFunc(events, func(ev catalog.Event) bool {
				return ev.Action == "link.delete" && ev.Detail["assignment"] == task && ev.Detail["indicator"] == "2.3.1"
			})
			if audited == tt.wantKept {
				t.Errorf("link.delete naming the task in the audit log: %v, want %v", audited, !tt.wantKept)
			}
		})
	}
}

// TestWithdrawAHandIn: 市教育局 takes a file it handed in back (撤回)
// before the coordinator accepts: the link the hand-in made goes, the
// file leaves the task, a task left with nothing is 未提交 again (已退回
// with its reason when it had been returned), and the file is deleted
// only when nothing else holds it.
func TestWithdrawAHandIn(t *testing.T) {
	ctx := context.Background()
	const reason = "请补交学分银行管理办法"
	for _, tt := range []struct {
		name        string
		setup       func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document
		wantStatus  catalog.AssignmentStatus
		wantDeleted bool
	}{
		{"只为任务上传的文件", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			return handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
		}, catalog.AssignmentOpen, true},
		{"协调员在上传页也上传过", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			uploadAs(t, e, coordA, "社区教育总结.txt", summaryText)
			return handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
		}, catalog.AssignmentOpen, false},
		{"退回后撤回", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			d := handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
			if _, err := s.Return(ctx, coordA, task, reason); err != nil {
				t.Fatal(err)
			}
			return d
		}, catalog.AssignmentReturned, true},
		{"两份文件撤回其一", func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) *catalog.Document {
			d := handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
			handIn(t, e, jiaoyu, task, "学分银行管理办法.txt", "杭州市学分银行管理办法：建立市民终身学习账户。")
			return d
		}, catalog.AssignmentSubmitted, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, s := newService(t)
			task := imported(t, s)["2.3.1"].ID
			d := tt.setup(t, e, s, task)
			got, w, err := s.Withdraw(ctx, jiaoyu, task, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.wantStatus || w.Status != tt.wantStatus {
				t.Errorf("task after 撤回: %s (withdrawal says %s), want %s", got.Status, w.Status, tt.wantStatus)
			}
			if tt.wantStatus == catalog.AssignmentReturned && got.Reason != reason {
				t.Errorf("the returned task lost its reason: %q", got.Reason)
			}
			if slices.Contains(got.Documents, d.ID) {
				t.Errorf("the task still lists the file withdrawn: %v", got.Documents)
			}
			if linkedTo(t, e, d.ID, "2.3.1") {
				t.Errorf("the file withdrawn is still linked to 2.3.1")
			}
			_, err = e.Catalog.Document(ctx, d.ID)
			if deleted := catalog.IsNotFound(err); deleted != tt.wantDeleted || w.DocumentDeleted != tt.wantDeleted {
				t.Errorf("file deleted: %v (withdrawal says %v), want %v", deleted, w.DocumentDeleted, tt.wantDeleted)
			}
			events, err := e.Catalog.Events(ctx, "assignment:"+task, 50)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(events, func(ev catalog.Event) bool {
				return ev.Action == "assignment.withdraw" && ev.User == "jiaoyu" && ev.Detail["document"] == d.ID
			}) {
				t.Errorf("no assignment.withdraw by jiaoyu in the task's history: %+v", events)
			}
			if _, _, err := s.Withdraw(ctx, jiaoyu, task, d.ID); !catalog.IsNotFound(err) {
				t.Errorf("withdrawing the same file twice: %v, want not found", err)
			}
		})
	}
}

// TestWithdrawRefused: nobody withdraws from an accepted task, another
// department, an expert or another city's coordinator; nothing changes.
func TestWithdrawRefused(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	d := handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
	for _, tt := range []struct {
		who  *catalog.User
		want string
	}{
		{renshe, catalog.ENOTFOUND},
		{coordB, catalog.ENOTFOUND},
		{expert, catalog.EFORBIDDEN},
	} {
		if _, _, err := s.Withdraw(ctx, tt.who, task, d.ID); catalog.ErrorCode(err) != tt.want {
			t.Errorf("%s withdraws: %v, want %s", tt.who.Username, err, tt.want)
		}
	}
	e.WaitHandedInRead(task)
	if _, err := s.Accept(ctx, coordA, task, ""); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.Withdraw(ctx, jiaoyu, task, d.ID)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(err.Error(), "任务已确认") {
		t.Errorf("withdrawing from an accepted task: %v, want 409 saying 任务已确认", err)
	}
	if !linkedTo(t, e, d.ID, "2.3.1") {
		t.Errorf("a refused withdrawal unlinked the file")
	}
}

// TestReturnedHandInIsNotCarriedOver: a link a hand-in made for a task
// returned before returns took links away (the task set back by hand,
// as such old tasks stand) is not carried into the next round; the link
// of a hand-in still submitted is.
func TestReturnedHandInIsNotCarriedOver(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	tasks := imported(t, s)
	wrong := handIn(t, e, jiaoyu, tasks["2.3.1"].ID, "工作总结.txt", summaryText)
	right := handIn(t, e, renshe, tasks["1.3.2"].ID, "人社局职业培训总结.txt", "2018年开展职业技能培训3.5万人次。")
	if err := e.Catalog.ChangeAssignment(ctx, catalog.AssignmentChange{ID: tasks["2.3.1"].ID, From: []catalog.AssignmentStatus{catalog.AssignmentSubmitted},
		To: catalog.AssignmentReturned, Reason: "工作总结不是学分银行制度文件", By: "wang"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.AddRound(ctx, catalog.Round{Year: 2019}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Catalog.CarryOver(ctx, hangzhou, 2018, 2019, "wang"); err != nil {
		t.Fatal(err)
	}
	carried, err := e.Catalog.Carryovers(ctx, catalog.CarryFilter{City: hangzhou, Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	links, err := e.Catalog.LinksOfDocuments(ctx, []string{wrong.ID, right.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range carried {
		for _, l := range links {
			if c.Kind == catalog.CarryLink && c.ObjectID == l.ID {
				docs = append(docs, l.DocumentID)
			}
		}
	}
	if !slices.Equal(docs, []string{right.ID}) {
		t.Errorf("links carried into 2019 of %v, want only the submitted hand-in %s, not the returned one %s", docs, right.ID, wrong.ID)
	}
}

// TestAReturnedFileStaysReturned: the coordinator links
// 职业技能培训实施方案 to 1.3.2; 人社局 hands it in (确认以此提交) and the
// coordinator returns it. Withdrawing the returned file is refused (409),
// saying when, by whom and why it was returned, in the service and in the
// catalog alike: the return stays on the task for both sides to read, the
// plan is not offered to the task again as the coordinator's link, and
// handing it in again is refused naming the return.
func TestAReturnedFileStaysReturned(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["1.3.2"].ID
	plan := e.Upload(hangzhou, "职业技能培训实施方案.txt", "杭州市职业技能提升行动实施方案。")
	if err := e.Ingest.AddLinkInRound(ctx, coordA, &catalog.Link{DocumentID: plan.ID, IndicatorCode: "1.3.2", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	if _, err := s.HandInLinked(ctx, renshe, task, plan.ID); err != nil {
		t.Fatal(err)
	}
	const reason = "这份方案不是本部门的年度工作材料"
	if _, err := s.Return(ctx, coordA, task, reason); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.Withdraw(ctx, renshe, task, plan.ID)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(err.Error(), "UTC+8 由 wang 退回") || !strings.Contains(err.Error(), reason) {
		t.Errorf("withdrawing the returned plan: %v, want 409 naming the return by wang and its reason", err)
	}
	if _, err := e.Catalog.WithdrawHandIn(ctx, task, plan.ID, "renshe"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("the catalog withdrawing the returned plan: %v, want 409", err)
	}
	list, err := s.ListLinked(ctx, renshe, assignments.Filter{City: hangzhou, Round: 2018, Indicator: "1.3.2"})
	if err != nil || len(list) != 1 {
		t.Fatalf("1.3.2's tasks: %v %v", list, err)
	}
	got := list[0]
	if r, ok := got.Returned[plan.ID]; got.Status != catalog.AssignmentReturned || !ok || r.Reason != reason || r.By != "wang" {
		t.Errorf("1.3.2 after the refused withdrawal: %s returned %+v, want returned, the plan marked returned by wang for %q", got.Status, got.Returned, reason)
	}
	if got.Covered || got.LinkedByCoordinator != nil {
		t.Errorf("1.3.2 offers the returned plan as the coordinator's link again: covered %v, %+v", got.Covered, got.LinkedByCoordinator)
	}
	if !linkedTo(t, e, plan.ID, "1.3.2") {
		t.Errorf("the coordinator's link of the plan to 1.3.2 went")
	}
	if _, err := s.HandInLinked(ctx, renshe, task, plan.ID); catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(err.Error(), reason) {
		t.Errorf("handing the returned plan in again: %v, want 409 naming the return", err)
	}
}

// TestReturnedFileHeldElsewhereIsNotOfferedForDeletion: 市教育局 hands in
// its work summary for 2.3.1 and the coordinator returns it. When the
// coordinator had also uploaded the very same file on the upload page
// (not linked to anything), the file is held by that upload: withdrawing
// it would not delete it, so WithdrawTarget (what the question before a
// withdrawal asks) refuses it as the withdrawal does, naming the return,
// and DocumentHeld says so. Without that upload, the returned file may
// be withdrawn, and is deleted.
func TestReturnedFileHeldElsewhereIsNotOfferedForDeletion(t *testing.T) {
	ctx := context.Background()
	for _, held := range []bool{true, false} {
		e, s := newService(t)
		task := imported(t, s)["2.3.1"].ID
		if held {
			uploadAs(t, e, coordA, "工作总结（协调员上传）.txt", summaryText)
		}
		d := handIn(t, e, jiaoyu, task, "工作总结.txt", summaryText)
		const reason = "工作总结不是学分银行制度文件"
		if _, err := s.Return(ctx, coordA, task, reason); err != nil {
			t.Fatal(err)
		}
		if linkedTo(t, e, d.ID, "2.3.1") {
			t.Fatalf("held %v: the returned summary is still linked to 2.3.1", held)
		}
		got, err := s.DocumentHeld(ctx, task, d.ID)
		if err != nil || got != held {
			t.Errorf("held %v: DocumentHeld = %v, %v", held, got, err)
		}
		_, err = s.WithdrawTarget(ctx, jiaoyu, task, d.ID)
		if held {
			if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(err.Error(), "UTC+8 由 wang 退回") || !strings.Contains(err.Error(), reason) {
				t.Errorf("asking to withdraw the returned summary another upload holds: %v, want 409 naming the return", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("asking to withdraw the returned summary nothing holds: %v", err)
		}
		if _, done, err := s.Withdraw(ctx, jiaoyu, task, d.ID); err != nil || !done.DocumentDeleted {
			t.Errorf("withdrawing the returned summary nothing holds: %+v %v, want it deleted", done, err)
		}
	}
}
