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

// archived stores text as name, a document of department's for round.
func archived(t *testing.T, e *testenv.Env, name, text, round, department string) *catalog.Document {
	t.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou,
		DocType: "work_summary", Round: round, Department: department}, Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("archiving %s: %v %+v", name, err, out)
	}
	return e.WaitIndexed(out[0].Document.ID)
}

// TestAFileRefiledDuringConfirmIsAsked: 市教育局's 2018 task 2.3.1 holds
// the 2017 ledger, and wang's 确认 answers the question asked of it (2017
// 年度的材料). Between the question's check and the change, the archive
// refiles the ledger under 2016: the change saw only which files were
// handed in, and accepted the ledger as a 2017 file; it is now refused
// with the question naming 2016 and a new token, the task still 已提交,
// and accepted with that token.
func TestAFileRefiledDuringConfirmIsAsked(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	if err := e.Catalog.AddRound(ctx, catalog.Round{Year: 2016}, "admin"); err != nil {
		t.Fatal(err)
	}
	ledger := archived2017(t, e, "企业职工教育经费台账.txt", "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。")
	if err := s.Submitted(ctx, coordA, task, []string{ledger.ID}); err != nil {
		t.Fatalf("handing in the ledger: %v", err)
	}
	_, err := s.Accept(ctx, coordA, task, "")
	q := assignments.AsQuestion(err)
	if q == nil || !strings.Contains(err.Error(), "2017年度的材料") {
		t.Fatalf("确认 of the ledger without confirm: %v, want the question naming it 2017's", err)
	}
	refiled := false
	assignments.SetAcceptAsked(func(id string) {
		if id != task || refiled {
			return
		}
		refiled = true
		round := "2016"
		if _, err := e.Catalog.UpdateDocument(ctx, ledger.ID, catalog.DocumentPatch{Round: &round}, "admin"); err != nil {
			t.Errorf("refiling the ledger under 2016 during 确认: %v", err)
		}
	}, t.Cleanup)

	_, err = s.Accept(ctx, coordA, task, q.Token)
	again := assignments.AsQuestion(err)
	if !refiled {
		t.Fatal("the ledger was never refiled between the question and the change")
	}
	if again == nil || catalog.ErrorCode(err) != catalog.ECONFLICT || again.Token == q.Token || !strings.Contains(err.Error(), "2016年度的材料") {
		t.Fatalf("确认 answering the question checked before the ledger was refiled: %v, want ECONFLICT (409) asking of 2016 with a new token", err)
	}
	if a, err := e.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %+v %v, want submitted", a, err)
	}
	if _, err := s.Accept(ctx, coordA, task, again.Token); err != nil {
		t.Errorf("确认 answering the question asked anew: %v", err)
	}
}

// TestAFileFailingDuringConfirmIsAsked: 市教育局 hands in two summaries of
// its own for 2018, and 确认 asks nothing. Between that check and the
// change, reading one of them again fails (the scan's pages are blank):
// the change accepted it unasked; it is now refused with the question
// naming it, and accepted once that is answered.
func TestAFileFailingDuringConfirmIsAsked(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	summary := archived(t, e, "2018年社区教育工作总结.txt", "杭州市2018年社区教育工作总结：全年开展社区教育培训420场。", "2018", "市教育局")
	scan := archived(t, e, "社区学校挂牌名单.txt", "杭州市社区学校挂牌名单：上城区社区学校等56所。", "2018", "市教育局")
	if err := s.Submitted(ctx, coordA, task, []string{summary.ID, scan.ID}); err != nil {
		t.Fatalf("handing in: %v", err)
	}
	failed := false
	assignments.SetAcceptAsked(func(id string) {
		if id != task || failed {
			return
		}
		failed = true
		if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusFailed,
			Error: "扫描件的每一页都是空白，无法识别文字；请重新扫描后上传"}); err != nil {
			t.Errorf("failing the scan during 确认: %v", err)
		}
	}, t.Cleanup)

	_, err := s.Accept(ctx, coordA, task, "")
	q := assignments.AsQuestion(err)
	if !failed {
		t.Fatal("the scan was never read again between the question and the change")
	}
	if q == nil || !strings.Contains(err.Error(), "“社区学校挂牌名单.txt”未能读取") {
		t.Fatalf("确认 checked before the scan failed: %v, want ECONFLICT (409) asking of the scan", err)
	}
	if a, err := e.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %+v %v, want submitted", a, err)
	}
	if _, err := s.Accept(ctx, coordA, task, q.Token); err != nil {
		t.Errorf("确认 answering the question asked: %v", err)
	}
}

// TestAFileReadAgainAfterTheQuestionIsAsked: the question of 确认 names
// a scan that could not be read, and the board gives the reason beside
// it (the pages are blank). Before the coordinator's confirm the scan is
// read again and fails for another reason (the file is encrypted): the
// token was of the file's name and failure alone, and the confirm
// accepted the file on a reason nobody read; it is now asked again with
// a new token. With the token of the question unchanged it is accepted.
func TestAFileReadAgainAfterTheQuestionIsAsked(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	summary := archived(t, e, "2018年社区教育工作总结.txt", "杭州市2018年社区教育工作总结：全年开展社区教育培训420场。", "2018", "市教育局")
	scan := archived(t, e, "社区学校挂牌名单.txt", "杭州市社区学校挂牌名单：上城区社区学校等56所。", "2018", "市教育局")
	fail := func(why string) {
		t.Helper()
		if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusFailed, Error: why}); err != nil {
			t.Fatal(err)
		}
	}
	fail("扫描件的每一页都是空白，无法识别文字；请重新扫描后上传")
	if err := s.Submitted(ctx, coordA, task, []string{summary.ID, scan.ID}); err != nil {
		t.Fatalf("handing in: %v", err)
	}
	_, err := s.Accept(ctx, coordA, task, "")
	q := assignments.AsQuestion(err)
	if q == nil {
		t.Fatalf("确认 of a task holding a scan that could not be read: %v, want the question", err)
	}
	fail("文件已加密，无法读取；请上传未加密的文件")
	_, err = s.Accept(ctx, coordA, task, q.Token)
	again := assignments.AsQuestion(err)
	if again == nil || again.Token == q.Token {
		t.Fatalf("确认 with the token of the question asked before the scan was read again: %v, want it asked again with a new token", err)
	}
	if a, err := e.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %+v %v, want submitted", a, err)
	}
	if _, err := s.Accept(ctx, coordA, task, again.Token); err != nil {
		t.Errorf("确认 answering the question as it is: %v", err)
	}
}
