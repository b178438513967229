package api

import (
	"net/http"
	"net/url"
	"testing"
)

// TestAConfirmedDocNumberKeepsItsWrittenForm: a notice writes its 文号
// 杭教成[2017]15号. A coordinator who confirms it unchanged, in 〔〕 as
// doc_number gives it or in [ ] as the page shows it, leaves it shown as
// the notice writes it; one who corrects it to 杭教成[2017]16号 has it
// shown as typed, and kept so when confirmed again in 〔〕; a 文号 typed
// at upload in [ ] is shown so too. doc_number stays in 〔〕 throughout,
// what matching uses, and a search hit shows the same form as the page.
func TestAConfirmedDocNumberKeepsItsWrittenForm(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "通知.txt", "杭州市教育局文件\n\n杭教成[2017]15号\n\n关于开展社区教育示范街道评选的通知\n\n各区教育局：\n    现将有关事项通知如下。\n")
	for _, tc := range []struct{ sent, number, written string }{
		{"杭教成〔2017〕15号", "杭教成〔2017〕15号", "杭教成[2017]15号"},
		{"杭教成[2017]15号", "杭教成〔2017〕15号", "杭教成[2017]15号"},
		{"杭教成[2017]16号", "杭教成〔2017〕16号", "杭教成[2017]16号"},
		{"杭教成〔2017〕16号", "杭教成〔2017〕16号", "杭教成[2017]16号"},
	} {
		resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+id, map[string]any{"doc_number": tc.sent}), "coordA")
		if resp.StatusCode != http.StatusOK || body["doc_number"] != tc.number || body["doc_number_written"] != tc.written {
			t.Errorf("PATCH doc_number %s: %d doc_number %v, doc_number_written %v; want %s written %s", tc.sent, resp.StatusCode,
				body["doc_number"], body["doc_number_written"], tc.number, tc.written)
		}
		_, body = e.do(e.request("GET", "/api/v1/documents/"+id, nil), "coordA")
		if body["doc_number_written"] != tc.written {
			t.Errorf("after PATCH doc_number %s: the document's doc_number_written %v, want %s", tc.sent, body["doc_number_written"], tc.written)
		}
		if got := hitDocNumber(e, id, tc.number); got != tc.written {
			t.Errorf("after PATCH doc_number %s: search hit's doc_number %q, want %s", tc.sent, got, tc.written)
		}
	}

	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy", "round": "2017",
		"doc_number": "杭教成[2017]17号"}, map[string][]byte{"意见.txt": []byte("关于推进学习型城市建设的意见\n各区教育局：\n    现提出如下意见。\n")})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload with a typed 文号: %d %v", resp.StatusCode, body)
	}
	typed := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	_, body = e.do(e.request("GET", "/api/v1/documents/"+typed, nil), "coordA")
	if body["doc_number"] != "杭教成〔2017〕17号" || body["doc_number_written"] != "杭教成[2017]17号" {
		t.Errorf("a 文号 typed at upload in [ ]: doc_number %v, doc_number_written %v; want 杭教成〔2017〕17号 written 杭教成[2017]17号",
			body["doc_number"], body["doc_number_written"])
	}
}

// hitDocNumber is the doc_number of document id's hit in a search for
// number, "" when it is not found.
func hitDocNumber(e *env, id, number string) string {
	e.t.Helper()
	_, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(number), nil), "coordA")
	hits, _ := body["hits"].([]any)
	for _, h := range hits {
		if hit, _ := h.(map[string]any); hit["id"] == id {
			s, _ := hit["doc_number"].(string)
			return s
		}
	}
	return ""
}
