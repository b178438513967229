package web

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestTheBoardWaitsWhileNoHandInIsRead: 市教育局 hands in the scan of its
// 学分银行 rules, not read yet. The coordinator's board offers no 确认
// beside it but says to wait for the reading, as 确认 itself answers
// (409 提交的文件“…”尚未读取完成，不能确认；请待读取完成后再确认: one yes
// accepted a task whose files could all fail afterwards; review s47 #3);
// a 确认 sent anyway is refused in those words, the task still 已提交.
// Read, the scan is offered to 确认 again.
func TestTheBoardWaitsWhileNoHandInIsRead(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行制度扫描件.txt", "杭州市学分银行管理办法：市民学习成果可存入学分银行。"); resp.StatusCode != 200 {
		t.Fatalf("handing in the scan: %d %.500s", resp.StatusCode, textOf(page))
	}
	docs, _, err := s.env.Catalog.FindDocuments(ctx, catalog.DocumentFilter{City: "330100"})
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	scan := s.env.WaitIndexed(docs[0].ID)
	// Sent back to be read from the start (重新读取): being read again.
	if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusStored}); err != nil {
		t.Fatal(err)
	}
	const board = "/assignments?city=330100&round=2018"
	wang := s.login("wang")
	_, page := wang.get(board)
	row := boardRow(page, task)
	if text := html.UnescapeString(textOf(row)); strings.Contains(row, "/accept") || !strings.Contains(text, "提交的文件尚未读取完成，不能确认；请待读取完成后再确认。") {
		t.Errorf("the board's row of a hand-in still being read: want no 确认 and the words to wait:\n%s", text)
	}
	resp, page := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}})
	if want := "提交的文件“学分银行制度扫描件.txt”尚未读取完成，不能确认；请待读取完成后再确认"; resp.StatusCode != 409 || !strings.Contains(textOf(page), want) {
		t.Errorf("accepting the hand-in still being read: %d %.500s, want 409 saying %q", resp.StatusCode, textOf(page), want)
	}
	if a, err := s.env.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refusal: %v %v, want submitted", a, err)
	}
	wang.get("/lang?to=en")
	if _, page := wang.get(board); !strings.Contains(textOf(boardRow(page, task)), "No file handed in has been read yet") {
		t.Errorf("the board's row in English:\n%s", textOf(boardRow(page, task)))
	}
	wang.get("/lang?to=zh")

	if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	if _, page := wang.get(board); !strings.Contains(boardRow(page, task), "/accept") {
		t.Errorf("the board's row of the hand-in read: want 确认 offered:\n%s", textOf(boardRow(page, task)))
	}
}

// TestAFileFollowedWithATaskItIsNotInSpeaksAlone: 市教育局's task is
// accepted with its summary; a scan that could not be read, uploaded on
// its own, was never handed in for it. Followed with that task (an
// address edited by hand, a page whose task changed meanwhile), the scan
// says its own 处理失败 line with its reason, not the accepted task's
// 不计入佐证材料 (review s47 #5).
func TestAFileFollowedWithATaskItIsNotInSpeaksAlone(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市学分银行2018年工作总结：累计存入学分12万。"); resp.StatusCode != 200 {
		t.Fatalf("handing in the summary: %d %.500s", resp.StatusCode, textOf(page))
	}
	s.env.WaitHandedInRead(task)
	acceptAnswering(t, s, task)
	scan := uploadFailed(t, s, "学分银行制度扫描件.pdf", brokenPDF)
	admin := s.login("admin")
	resp, body := admin.get("/documents/" + scan.ID + "/status?task=" + task)
	var f followedJSON
	if resp.StatusCode != 200 {
		t.Fatalf("the status of the scan with the task: %d %.300s", resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("the status of the scan with the task: %v in %.300s", err, body)
	}
	if want := "处理失败：" + scan.Error; f.Line != want {
		t.Errorf("followed with a task it is not in, the scan says %q, want its own line %q", f.Line, want)
	}
}
