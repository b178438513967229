package api

import (
	"net/http"
	"testing"
)

// TestDocumentSaysItsDocNumberIsAGuess: the document's JSON carries what
// the text has where its 文号 was inferred (教发〔2023〕125 for
// 教发〔2023〕12号), and says in both languages that it should be checked;
// a 文号 read as written carries neither.
func TestDocumentSaysItsDocNumberIsAGuess(t *testing.T) {
	e := newEnv(t)
	guessed := e.upload(cityA, "意见.txt", "教育部文件\n\n教发〔2023〕125\n\n关于推进学习型城市建设的意见\n\n各省教育厅：\n    现提出如下意见。\n")
	written := e.upload(cityA, "通知.txt", "教育部文件\n\n教发〔2023〕125号\n\n关于推进学习型城市建设的意见\n\n各省教育厅：\n    现提出如下意见。\n")
	resp, body := e.do(e.request("GET", "/api/v1/documents/"+guessed, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["doc_number"] != "教发〔2023〕12号" || body["doc_number_read"] != "教发〔2023〕125" ||
		body["doc_number_note"] != "文号由文中文字推断（原文为“教发〔2023〕125”），请核对" || body["doc_number_note_en"] == nil {
		t.Errorf("a guessed 文号: %d 文号 %v, read %v, note %v / %v", resp.StatusCode, body["doc_number"], body["doc_number_read"],
			body["doc_number_note"], body["doc_number_note_en"])
	}
	_, body = e.do(e.request("GET", "/api/v1/documents/"+written, nil), "coordA")
	if body["doc_number"] != "教发〔2023〕125号" || body["doc_number_read"] != nil || body["doc_number_note"] != nil {
		t.Errorf("a 文号 read as written: %v, read %v, note %v; want no guess", body["doc_number"], body["doc_number_read"], body["doc_number_note"])
	}
}
