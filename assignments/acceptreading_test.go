package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestAFileWaitingForItsIndexEntryIsNotAskedAbout: 市教育局's summary,
// handed in for 2.3.1, was read and indexed long ago. The coordinator
// corrects its 文号 and links it to 2.3.1 again: each sends it back to
// extracted until its index entry is rewritten (catalog UpdateDocument,
// bumpSeq). 确认 asks nothing of it (it was asked
// 尚未读取完成，确认后如读取失败不计入佐证材料 of a file read long ago, and
// asked again once the re-index landed: review s47 #3) and accepts.
func TestAFileWaitingForItsIndexEntryIsNotAskedAbout(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	summary := archived(t, e, "学分银行工作总结.txt", "杭州市学分银行2018年工作总结：累计存入学分12万。", "2018", "市教育局")
	if err := s.Submitted(ctx, coordA, task, []string{summary.ID}); err != nil {
		t.Fatalf("handing in: %v", err)
	}
	number := "杭教〔2018〕12号"
	if _, err := e.Catalog.UpdateDocument(ctx, summary.ID, catalog.DocumentPatch{DocNumber: &number}, "wang"); err != nil {
		t.Fatalf("correcting the 文号: %v", err)
	}
	if err := e.Catalog.CreateLinks(ctx, []*catalog.Link{{DocumentID: summary.ID, IndicatorCode: "2.3.1", CreatedBy: "wang"}}, true); err != nil {
		t.Fatalf("linking again: %v", err)
	}
	d, err := e.Catalog.Document(ctx, summary.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != catalog.StatusExtracted || d.Pages == 0 {
		t.Fatalf("the summary after its 文号 was corrected: %s with %d pages, want extracted with its pages (waiting for its index entry)", d.Status, d.Pages)
	}
	a, err := e.Catalog.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	if q, ask := (assignments.Task{Assignment: *a}).AcceptQuestion(map[string]*catalog.Document{d.ID: d}); ask {
		t.Errorf("确认's question of a file read long ago and waiting for its index entry: %q, want none", q.Chinese)
	}
	got, err := s.Accept(ctx, coordA, task, "")
	if err != nil {
		t.Fatalf("确认 of the summary waiting for its index entry: %v, want it accepted without a question", err)
	}
	if got.Status != catalog.AssignmentAccepted {
		t.Errorf("the task after 确认: %s, want accepted", got.Status)
	}
}

// TestAcceptWaitsWhileNoFileHandedInIsRead: 市教育局 hands in the scan of
// its 学分银行 rules and its ledger, neither read yet. 确认 is refused (not
// asked: a yes accepted the task, and had both failed afterwards it
// stood 已确认 with no evidence; review s47 #3), naming both and saying
// to wait, whatever confirm carries; the task stays 已提交. With the
// ledger failed and the scan still being read, it is refused alike,
// naming the scan. Once the scan is read, 确认 asks of the failed ledger
// and accepts with the token.
func TestAcceptWaitsWhileNoFileHandedInIsRead(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	scan := archived(t, e, "学分银行制度扫描件.txt", "杭州市学分银行管理办法。", "2018", "市教育局")
	ledger := archived(t, e, "学分银行台账.txt", "杭州市学分银行台账：2018年存入学分12万。", "2018", "市教育局")
	for _, d := range []*catalog.Document{scan, ledger} {
		if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Submitted(ctx, coordA, task, []string{scan.ID, ledger.ID}); err != nil {
		t.Fatalf("handing in: %v", err)
	}
	refused := func(confirm, want string) {
		t.Helper()
		_, err := s.Accept(ctx, coordA, task, confirm)
		if catalog.ErrorCode(err) != catalog.ECONFLICT || assignments.AsQuestion(err) != nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("确认 (confirm=%q) with no file read: %v, want the refusal %q", confirm, err, want)
		}
		a, err := e.Catalog.Assignment(ctx, task)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != catalog.AssignmentSubmitted {
			t.Fatalf("the task after the refusal: %s, want submitted", a.Status)
		}
	}
	both := "提交的文件“学分银行制度扫描件.txt”、“学分银行台账.txt”尚未读取完成，不能确认；请待读取完成后再确认"
	refused("", both)
	refused("1", both)
	_, err := s.Accept(ctx, coordA, task, "")
	if english := catalog.MessageIn(err, true); !strings.Contains(english, "still being read: “学分银行制度扫描件.txt”, “学分银行台账.txt”") {
		t.Errorf("the refusal in English: %q", english)
	}

	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: ledger.ID, Status: catalog.StatusFailed,
		Error: "文件已损坏，无法打开；请重新导出后上传"}); err != nil {
		t.Fatal(err)
	}
	refused("", "提交的文件“学分银行制度扫描件.txt”尚未读取完成，不能确认；请待读取完成后再确认")

	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Accept(ctx, coordA, task, "")
	q := assignments.AsQuestion(err)
	if q == nil || !strings.Contains(err.Error(), "“学分银行台账.txt”未能读取，确认后不计入佐证材料") {
		t.Fatalf("确认 with the scan read and the ledger failed: %v, want the question naming the ledger", err)
	}
	if _, err := s.Accept(ctx, coordA, task, q.Token); err != nil {
		t.Errorf("确认 answering the question: %v", err)
	}
}
