package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestClaimPatchRechecksAnUnchangedCitationsDocument: a coordinator's
// claim cites two documents of the city, and an admin deletes one since.
// A PATCH that corrects the statement and sends both citations back
// unchanged is refused (400), naming the citation and the deleted
// document, in Chinese and English, and nothing of it is saved: a
// citation sent back is cited again, and a document the coordinator
// could not cite now is not kept by sending it back. Sent without it,
// the PATCH is saved.
func TestClaimPatchRechecksAnUnchangedCitationsDocument(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	gone := e.upload(cityB, "总结.txt", "成都市2017年社区教育工作总结\n全年共举办342场市民大讲堂。")
	kept := e.upload(cityB, "通知.txt", "关于推进学分银行建设的通知\n全市建成学分银行服务网点120个。")
	cits := []map[string]any{
		{"document_id": kept, "page": 1, "quote": "全市建成学分银行服务网点120个"},
		{"document_id": gone, "page": 1, "quote": "全年共举办342场市民大讲堂"},
	}
	id := e.createClaim("coordB", map[string]any{"indicator": "3.1.2", "statement": "成都市全年举办342场市民大讲堂", "citations": cits})
	d, err := e.cat.Document(ctx, gone)
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+gone, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE of the cited document: %d %v", resp.StatusCode, body)
	}

	const corrected = "成都市全年举办342场市民大讲堂，建成学分银行服务网点120个"
	resp, body := e.do(e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": corrected, "citations": cits}), "coordB")
	msg := errorMessage(body)
	if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(msg, "第 2 条引用") || !strings.Contains(msg, "《"+d.Title+"》已删除") {
		t.Errorf("PATCH sending back a citation of a deleted document: %d %q, want 400 naming citation 2 and 《%s》 deleted", resp.StatusCode, msg, d.Title)
	}
	errBody, _ := body["error"].(map[string]any)
	if en, _ := errBody["message_en"].(string); !strings.HasPrefix(en, "Citation 2: ") || !strings.Contains(en, "was deleted") {
		t.Errorf("PATCH sending back a citation of a deleted document: message_en %q, want it in English", en)
	}
	c, err := e.cat.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Statement == corrected {
		t.Errorf("the refused PATCH saved its statement %q", c.Statement)
	}

	resp, body = e.do(e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": corrected, "citations": cits[:1]}), "coordB")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH without the deleted document's citation: %d %v, want 200", resp.StatusCode, body)
	}
	if c, err := e.cat.Claim(ctx, id); err != nil || c.Statement != corrected || len(c.Citations) != 1 || c.Citations[0].DocumentID != kept || c.Citations[0].Number != 1 {
		t.Errorf("claim after the PATCH: %+v %v, want the statement corrected, citation 1 kept alone", c, err)
	}
}
