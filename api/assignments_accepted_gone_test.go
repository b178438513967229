package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestAcceptedFileDeletedIsToldInTheTask: 市教育局 hands in its summary,
// coordA accepts it and then deletes the document. The task is owed
// again, and the API says why: accepted_deleted names the file, who
// deleted it and when, with the words in Chinese and English.
func TestAcceptedFileDeletedIsToldInTheTask(t *testing.T) {
	e, id := taskEnv(t)
	resp, body := e.handIn(id, "contribA", "work_summary", "学分银行工作总结（盖章版）.txt", "杭州市学分银行建设工作总结（盖章版）")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("hand-in: %d %v", resp.StatusCode, body)
	}
	doc := body["documents"].([]any)[0].(map[string]any)["id"].(string)
	e.te.WaitHandedInRead(id)
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept", nil), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("accept: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	task := e.firstTask(t, "contribA")
	g, _ := task["accepted_deleted"].(map[string]any)
	if task["status"] != "open" || g == nil || g["document_id"] != doc || g["by"] != "coordA" || g["at"] == "" || g["filename"] != "学分银行工作总结（盖章版）.txt" {
		t.Fatalf("the task after its accepted file was deleted: %v", task)
	}
	note, _ := task["accepted_deleted_note"].(string)
	en, _ := task["accepted_deleted_note_en"].(string)
	if !strings.HasPrefix(note, "已确认的材料《") || !strings.Contains(note, " UTC+8 由 coordA 删除，任务因此重新打开") ||
		!strings.Contains(en, " by coordA, so the task is open again") {
		t.Errorf("the words: %q / %q", note, en)
	}
}
