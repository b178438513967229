package assignments_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReturnOnlyTheWrongFile: 市教育局 hands in 学分银行通知 (right) and
// 阅读活动总结 (wrong) for 2.3.1, and the coordinator returns the summary
// alone. It is marked returned (who, why) and unlinked; the notice stays
// handed in and linked, the task stays 已提交 for it, and the audit names
// both. Handing the notice's bytes in again is not refused; the summary's
// are. Returning every file, as before, makes the task 已退回.
func TestReturnOnlyTheWrongFile(t *testing.T) {
	ctx := context.Background()
	const reason = "《阅读活动总结》与学分银行无关，请只提交学分银行制度文件"
	const notice = "杭州市学分银行建设通知：杭教成〔2017〕15号，建立市民终身学习账户。"
	for _, tt := range []struct {
		name       string
		choose     func(right, wrong string) []string
		wantStatus catalog.AssignmentStatus
		wantBack   func(right, wrong string) []string
	}{
		{"只退回阅读活动总结", func(_, wrong string) []string { return []string{wrong} }, catalog.AssignmentSubmitted,
			func(_, wrong string) []string { return []string{wrong} }},
		{"全部退回（不指定文件）", func(string, string) []string { return nil }, catalog.AssignmentReturned,
			func(right, wrong string) []string { return []string{right, wrong} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, s := newService(t)
			task := imported(t, s)["2.3.1"].ID
			right := handIn(t, e, jiaoyu, task, "学分银行通知.txt", notice)
			wrong := handIn(t, e, jiaoyu, task, "阅读活动总结.txt", "2018年杭州市全民阅读活动总结：举办读书会120场。")
			got, err := s.ReturnFiles(ctx, coordA, task, reason, tt.choose(right.ID, wrong.ID))
			if err != nil {
				t.Fatal(err)
			}
			back := tt.wantBack(right.ID, wrong.ID)
			if got.Status != tt.wantStatus {
				t.Errorf("task after the return: %s, want %s", got.Status, tt.wantStatus)
			}
			for _, d := range []string{right.ID, wrong.ID} {
				r, returned := got.Returned[d]
				want := slices.Contains(back, d)
				if returned != want || want && (r.By != "wang" || r.Reason != reason) {
					t.Errorf("file %s returned %v (%+v), want %v by wang with the reason", d, returned, r, want)
				}
				if linked := linkedTo(t, e, d, "2.3.1"); linked == want {
					t.Errorf("file %s linked to 2.3.1 after the return: %v, want %v", d, linked, !want)
				}
			}
			events, err := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: "assignment:" + task, Action: "assignment.returned"})
			if err != nil || len(events) != 1 || len(events[0].Detail["returned"].([]any)) != len(back) {
				t.Errorf("audit of the return: %+v %v, want one assignment.returned naming %d files", events, err, len(back))
			}
			err = handInErr(t, e, task, "学分银行通知（再次）.txt", notice)
			if refused := catalog.ErrorCode(err) == catalog.ECONFLICT; refused != slices.Contains(back, right.ID) {
				t.Errorf("handing the notice's bytes in again: %v, want refused %v", err, slices.Contains(back, right.ID))
			}
		})
	}
}

// TestReturnAFileNotPending: naming a file not handed in for the task is
// refused on the documents field, and nothing changes.
func TestReturnAFileNotPending(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	d := handIn(t, e, jiaoyu, task, "学分银行通知.txt", "杭州市学分银行建设通知。")
	_, err := s.ReturnFiles(ctx, coordA, task, "请补充文号", []string{"01NOTONTHETASK"})
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Code != catalog.ECONFLICT || ce.Field != "documents" {
		t.Fatalf("returning a file not on the task: %v, want ECONFLICT on documents", err)
	}
	if got, _ := s.Get(ctx, coordA, task); got.Status != catalog.AssignmentSubmitted || len(got.Returned) != 0 || !linkedTo(t, e, d.ID, "2.3.1") {
		t.Errorf("the task changed on a refused return: %s %v", got.Status, got.Returned)
	}
}

// handInErr is why jiaoyu's hand-in of text for task id was refused, nil
// when it was stored.
func handInErr(t *testing.T, e *testenv.Env, id, filename, text string) error {
	t.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), filename)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), jiaoyu, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
		Assignment: id, Files: []*ingest.Staged{st}})
	if err != nil {
		return err
	}
	return out[0].Err
}
