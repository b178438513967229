package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFollowedFileOfAnAcceptedTaskSpeaksAsTheTask: 市教育局 hands in its
// 学分银行 summary and a scan that cannot be read, and the coordinator
// accepts the task. What follow.js asks of the scan with the task
// (GET /documents/{id}/status?task=…) is what 我的任务 renders beside it:
// 处理失败：任务已确认，这份文件未能读取，不计入佐证材料…, not the reason
// with its advice to upload again that the accepted task has no form
// for (review s46 #10). Asked without the task, the line stays the
// document's own.
func TestFollowedFileOfAnAcceptedTaskSpeaksAsTheTask(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市学分银行2018年工作总结：累计存入学分12万。"); resp.StatusCode != 200 {
		t.Fatalf("handing in the summary: %d %.500s", resp.StatusCode, textOf(page))
	}
	if resp, page := dept.handIn(task, "学分银行制度扫描件.pdf", brokenPDF); resp.StatusCode != 200 {
		t.Fatalf("handing in the scan: %d %.500s", resp.StatusCode, textOf(page))
	}
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100"})
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	var scan *catalog.Document
	for _, d := range docs {
		if strings.HasSuffix(d.Filename, ".pdf") {
			scan = s.env.WaitFinished(d.ID, catalog.StatusFailed)
		} else {
			s.env.WaitIndexed(d.ID)
		}
	}
	acceptAnswering(t, s, task)

	followed := func(query string) followedJSON {
		t.Helper()
		resp, body := dept.get("/documents/" + scan.ID + "/status" + query)
		var f followedJSON
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("the status of the scan%s: %d %.300s", query, resp.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), &f); err != nil {
			t.Fatalf("the status of the scan%s: %v in %.300s", query, err, body)
		}
		return f
	}
	_, page := dept.get("/tasks")
	i := strings.Index(page, `data-status="failed"`)
	if i < 0 {
		t.Fatalf("我的任务 shows no failed file:\n%.2000s", textOf(page))
	}
	span := page[i:]
	span = span[strings.Index(span, ">")+1 : strings.Index(span, "</span>")]
	shown := strings.TrimPrefix(html.UnescapeString(span), "· ")
	if want := "处理失败：任务已确认，这份文件未能读取，不计入佐证材料；如需补交，请联系本市协调员"; !strings.Contains(shown, want) {
		t.Fatalf("我的任务 says %q of the scan, want %q", shown, want)
	}
	if f := followed("?task=" + task); f.Status != "failed" || f.Line != shown {
		t.Errorf("followed with its task, the scan says %q, 我的任务 %q: want the same words", f.Line, shown)
	}
	if f := followed(""); f.Line != "处理失败："+scan.Error {
		t.Errorf("followed alone, the scan says %q, want its own reason %q", f.Line, scan.Error)
	}
	dept.get("/lang?to=en")
	if f := followed("?task=" + task); !strings.Contains(f.Line, "the task was accepted; this file could not be read and does not count as evidence") {
		t.Errorf("in English, followed with its task, the scan says %q", f.Line)
	}
}
