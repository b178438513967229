package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// archived2017 stores text as name, a 2017 document of 杭州市人力资源和社会保障局's.
func archived2017(t *testing.T, e *testenv.Env, name, text string) *catalog.Document {
	t.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou,
		DocType: "statistics", Round: "2017", Department: "杭州市人力资源和社会保障局", IssuedOn: "2017-12-10"}, Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("archiving %s: %v %+v", name, err, out)
	}
	return e.WaitIndexed(out[0].Document.ID)
}

// TestAHandInDuringConfirmIsAsked: 市教育局's 2018 task 2.3.1 holds the
// 2017 ledger, and wang's 确认 carries the token of that question. After
// the question is checked and before the task changes, a second 2017
// file is handed in: 确认 is refused with the question naming the new
// file and a new token, and the task stays 已提交 (review s43 finding 5:
// the token was checked outside the change, so the file was accepted
// unasked).
func TestAHandInDuringConfirmIsAsked(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	ledger := archived2017(t, e, "企业职工教育经费台账.txt", "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。")
	plan := archived2017(t, e, "2017年社区教育工作计划.txt", "杭州市2017年社区教育工作计划：全年开展社区教育培训400场。")
	if err := s.Submitted(ctx, coordA, task, []string{ledger.ID}); err != nil {
		t.Fatalf("handing in the ledger: %v", err)
	}
	_, err := s.Accept(ctx, coordA, task, "")
	q := assignments.AsQuestion(err)
	if q == nil || !strings.Contains(err.Error(), "企业职工教育经费台账.txt") {
		t.Fatalf("确认 of the ledger without confirm: %v, want the question naming the ledger", err)
	}
	handed := false
	assignments.SetAcceptAsked(func(id string) {
		if id != task || handed {
			return
		}
		handed = true
		if err := s.Submitted(ctx, coordA, task, []string{plan.ID}); err != nil {
			t.Errorf("handing in the plan during 确认: %v", err)
		}
	}, t.Cleanup)

	_, err = s.Accept(ctx, coordA, task, q.Token)
	again := assignments.AsQuestion(err)
	if !handed {
		t.Fatal("the plan was never handed in between the question and the change")
	}
	if again == nil || catalog.ErrorCode(err) != catalog.ECONFLICT || again.Token == q.Token ||
		!strings.Contains(err.Error(), "2017年社区教育工作计划.txt") {
		t.Errorf("确认 answering the question checked before the plan came: %v, want ECONFLICT (409) asking of the plan with a new token", err)
	}
	a, err := e.Catalog.Assignment(ctx, task)
	if err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %+v %v, want submitted", a, err)
	}
	if _, err := s.Accept(ctx, coordA, task, again.Token); err != nil {
		t.Errorf("确认 answering the question asked anew: %v", err)
	}
}
