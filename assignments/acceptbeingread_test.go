package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestAcceptAsksOfAFileStillBeingRead: 市教育局 hands in its summary, read,
// and a scan of its 学分银行 rules still being read. 确认 asks first,
// naming the scan (尚未读取完成，确认后如读取失败不计入佐证材料): had its
// reading failed after an unasked 确认, the task would be 已确认 with a
// file that does not count (probe s46 #4). The yes wang gives while the
// scan is read answers for that alone: the scan failing meanwhile, the
// same token is asked again, naming the failure, and a yes to that
// accepts. With last year's ledger handed in beside a file being read,
// the yes given then does not carry over to the file read since either:
// the question the coordinator sees now is asked, naming the ledger
// alone; with nothing left to ask, a file read cleanly is accepted.
func TestAcceptAsksOfAFileStillBeingRead(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	tasks := imported(t, s)
	summary := archived(t, e, "学分银行工作总结.txt", "杭州市学分银行2018年工作总结：累计存入学分12万。", "2018", "市教育局")
	scan := archived(t, e, "学分银行制度扫描件.txt", "杭州市学分银行管理办法。", "2018", "市教育局")
	ledger := archived(t, e, "学分银行台账.txt", "杭州市学分银行台账：2018年存入学分12万。", "2018", "市教育局")
	lastYear := archived(t, e, "2017年学分银行台账.txt", "杭州市学分银行台账：2017年存入学分9万。", "2017", "市教育局")
	// Stored: waiting for its reading (a file extracted with its reading
	// only waits for its index entry, and is not asked about:
	// TestAFileWaitingForItsIndexEntryIsNotAskedAbout).
	reading := func(d *catalog.Document) {
		t.Helper()
		if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored}); err != nil {
			t.Fatal(err)
		}
	}
	reading(scan)
	reading(ledger)
	failed, other := tasks["2.3.1"].ID, tasks["3.1.1"].ID
	if err := s.Submitted(ctx, coordA, failed, []string{summary.ID, scan.ID}); err != nil {
		t.Fatalf("handing in: %v", err)
	}
	if err := s.Submitted(ctx, coordA, other, []string{ledger.ID, lastYear.ID}); err != nil {
		t.Fatalf("handing in the ledger: %v", err)
	}

	_, err := s.Accept(ctx, coordA, failed, "")
	q := assignments.AsQuestion(err)
	if q == nil || !strings.Contains(err.Error(), "“学分银行制度扫描件.txt”尚未读取完成，确认后如读取失败不计入佐证材料") {
		t.Fatalf("确认 of a task whose scan is still being read, without confirm: %v, want the question naming the scan", err)
	}
	a, err := e.Catalog.Assignment(ctx, failed)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := e.Catalog.DocumentsByID(ctx, a.HandedIn())
	if err != nil {
		t.Fatal(err)
	}
	task := assignments.Task{Assignment: *a}
	if words, _ := task.AcceptQuestion(docs); !strings.Contains(words.English, "“学分银行制度扫描件.txt” is still being read") ||
		!strings.Contains(words.English, "evidence") {
		t.Errorf("the question in English: %q", words.English)
	}

	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusFailed,
		Error: "扫描件的每一页都是空白，无法识别文字；请重新扫描后上传"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Accept(ctx, coordA, failed, q.Token)
	again := assignments.AsQuestion(err)
	if again == nil || again.Token == q.Token || !strings.Contains(err.Error(), "“学分银行制度扫描件.txt”未能读取，确认后不计入佐证材料") {
		t.Fatalf("确认 with the yes given while the scan was read, after it failed: %v, want the question naming the failure", err)
	}
	if _, err := s.Accept(ctx, coordA, failed, again.Token); err != nil {
		t.Errorf("确认 answering the failure: %v", err)
	}

	_, err = s.Accept(ctx, coordA, other, "")
	q = assignments.AsQuestion(err)
	if q == nil || !strings.Contains(err.Error(), "“学分银行台账.txt”尚未读取完成") || !strings.Contains(err.Error(), "“2017年学分银行台账.txt”是2017年度的材料") {
		t.Fatalf("确认 of the ledger still being read beside last year's: %v, want the question naming both", err)
	}
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: ledger.ID, Status: catalog.StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Accept(ctx, coordA, other, q.Token)
	again = assignments.AsQuestion(err)
	if again == nil || strings.Contains(err.Error(), "尚未读取完成") || !strings.Contains(err.Error(), "“2017年学分银行台账.txt”是2017年度的材料") {
		t.Fatalf("确认 with the yes given while the ledger was read, after it was read: %v, want the question as it stands now", err)
	}
	if _, err := s.Accept(ctx, coordA, other, again.Token); err != nil {
		t.Errorf("确认 answering last year's ledger alone: %v", err)
	}
}
