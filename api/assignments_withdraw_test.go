package api

import (
	"net/http"
	"testing"
)

// TestReturnAndWithdrawUnlinkHandIns: over the API, returning 市教育局's
// hand-in for 2.3.1 answers the link it took away, and the document no
// longer has it (the probe saw links [{indicator: 2.3.1, created_by:
// jiaoyu}] stay); the department's next file, withdrawn before it is
// accepted, goes with its link, the document deleted as nothing else held
// it; a withdrawal without document_id is 400 naming the field.
func TestReturnAndWithdrawUnlinkHandIns(t *testing.T) {
	e, id := taskEnv(t)
	hand := func(text string) string {
		t.Helper()
		resp, body := e.handIn(id, "contribA", "work_summary", "总结.txt", text)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("hand-in: %d %v", resp.StatusCode, body)
		}
		return body["documents"].([]any)[0].(map[string]any)["id"].(string)
	}
	links := func(doc string) []any {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/documents/"+doc, nil), "coordA")
		l, _ := body["links"].([]any)
		return l
	}
	summary := hand("2018年杭州市社区教育工作总结：新建社区学校12所")
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"工作总结不是学分银行制度文件"}`), "coordA")
	unlinked, _ := body["unlinked"].([]any)
	if resp.StatusCode != 200 || len(unlinked) != 1 || unlinked[0].(map[string]any)["document_id"] != summary ||
		unlinked[0].(map[string]any)["indicator"] != "2.3.1" {
		t.Errorf("return: %d %v, want unlinked naming the summary and 2.3.1", resp.StatusCode, body)
	}
	if l := links(summary); len(l) != 0 {
		t.Errorf("the returned summary keeps links %v", l)
	}

	wrong := hand("杭州市学分银行管理办法（征求意见稿）")
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{}), "contribA"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("withdraw without document_id: %d %v, want 400", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/withdraw", map[string]any{"document_id": wrong}), "contribA")
	unlinked, _ = body["unlinked"].([]any)
	if resp.StatusCode != 200 || len(unlinked) != 1 || body["document_deleted"] != true {
		t.Fatalf("withdraw: %d %v, want its link unlinked and the document deleted", resp.StatusCode, body)
	}
	for _, d := range body["assignment"].(map[string]any)["documents"].([]any) {
		if d == wrong {
			t.Errorf("the task still lists the file withdrawn: %v", body["assignment"])
		}
	}
	if resp, _ := e.do(e.request("GET", "/api/v1/documents/"+wrong, nil), "coordA"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the withdrawn document, used for nothing else: %d, want 404", resp.StatusCode)
	}
}
