package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestClaimPatchKeepsACitationIntoADamagedText: the text of one of a
// claim's two cited documents is changed in the store. A PATCH that
// corrects the statement and sends the citations back as they are is
// saved (200), each citation kept with its number; one that changes the
// citation into the damaged text is 409 naming the citation and the
// document, saying to run evidence check and repair, in Chinese and
// English, and the statement it sent is not saved.
func TestClaimPatchKeepsACitationIntoADamagedText(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	altered := e.upload(cityA, "总结.txt", "杭州市2017年社区教育工作总结\n全年共举办342场市民大讲堂。")
	other := e.upload(cityA, "通知.txt", "关于推进学分银行建设的通知\n全市建成学分银行服务网点120个。")
	cits := []map[string]any{
		{"document_id": altered, "page": 1, "quote": "全年共举办342场市民大讲堂"},
		{"document_id": other, "page": 1, "quote": "全市建成学分银行服务网点120个"},
	}
	id := e.createClaim("coordA", map[string]any{"indicator": "3.1.2", "statement": "杭州市全年举办342场市民大讲堂", "citations": cits})
	d, err := e.cat.Document(ctx, altered)
	if err != nil {
		t.Fatal(err)
	}
	e.te.AlterText(t, d.SHA256, "342场", "442场")

	const corrected = "杭州市全年举办342场市民大讲堂，建成学分银行服务网点120个"
	resp, body := e.do(e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": corrected, "citations": cits}), "coordA")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH of the statement, the citations sent back as they are: %d %v, want 200", resp.StatusCode, body)
	}
	c, err := e.cat.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Statement != corrected || len(c.Citations) != 2 || c.Citations[0].Number != 1 || c.Citations[0].DocumentID != altered ||
		!c.Citations[0].QuoteFound || c.Citations[1].Number != 2 {
		t.Errorf("claim after the PATCH: %q %+v, want the statement corrected and both citations kept as numbered and found", c.Statement, c.Citations)
	}

	resp, body = e.do(e.request("PATCH", "/api/v1/claims/"+id, map[string]any{"statement": "杭州市全年举办市民大讲堂",
		"citations": []map[string]any{{"document_id": altered, "page": 1, "quote": "市民大讲堂"}, cits[1]}}), "coordA")
	msg := errorMessage(body)
	if resp.StatusCode != http.StatusConflict || !strings.HasPrefix(msg, "第 1 条引用") || !strings.Contains(msg, "《"+d.Title+"》的提取文字已损坏") ||
		!strings.Contains(msg, "evidence check") || !strings.Contains(msg, "evidence repair") {
		t.Errorf("PATCH changing the citation into the damaged text: %d %q, want 409 naming citation 1 and the document, saying what to do", resp.StatusCode, msg)
	}
	if en, _ := body["error"].(map[string]any)["message_en"].(string); !strings.HasPrefix(en, "Citation 1: The text stored for") {
		t.Errorf("PATCH changing the citation into the damaged text: message_en %q, want it in English", en)
	}
	if c, err := e.cat.Claim(ctx, id); err != nil || c.Statement != corrected || c.Citations[0].Quote != "全年共举办342场市民大讲堂" {
		t.Errorf("claim after the refused PATCH: %+v %v, want it as the first PATCH left it", c, err)
	}
}
