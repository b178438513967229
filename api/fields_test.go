package api

import (
	"net/http"
	"slices"
	"testing"
)

const redHeaderTXT = "宁波市教育局文件\n\n甬教职成﹝2019﹞12号\n\n宁波市教育局关于印发宁波市社区学校标准化建设评估细则的通知\n\n" +
	"各区县（市）教育局：\n    现将《宁波市社区学校标准化建设评估细则》印发给你们，请遵照执行。\n\n宁波市教育局\n2017年4月2日\n"

func TestDocumentJSONNamesTheFieldsReadFromTheText(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/documents",
		uploadBody(map[string]string{"city": cityA, "doc_type": "policy", "issuer": "宁波市教育局办公室"},
			map[string][]byte{"细则.txt": []byte(redHeaderTXT)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	up := body["documents"].([]any)[0].(map[string]any)
	// The upload answer says the round was not typed but inferred.
	if up["round"] != "2018" || !slices.Equal(stringList(up["extracted_fields"]), []string{"round"}) {
		t.Errorf("upload answer: round %v, extracted_fields %v; want the current round 2018 marked as inferred", up["round"], up["extracted_fields"])
	}
	id := e.te.WaitIndexed(up["id"].(string)).ID
	resp, doc := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("get: %d %v", resp.StatusCode, doc)
	}
	got := stringList(doc["extracted_fields"])
	slices.Sort(got)
	if want := []string{"doc_number", "issued_on", "round", "title"}; !slices.Equal(got, want) {
		t.Errorf("extracted_fields %v, want %v (issuer was typed)", got, want)
	}
	if doc["doc_number"] != "甬教职成〔2019〕12号" || doc["issued_on"] != "2017-04-02" || doc["round"] != "2017" ||
		doc["issuer"] != "宁波市教育局办公室" || doc["title"] != "宁波市教育局关于印发宁波市社区学校标准化建设评估细则的通知" {
		t.Errorf("document %v", doc)
	}

	// Correcting the 文号 through PATCH makes it typed.
	resp, doc = e.do(e.request("PATCH", "/api/v1/documents/"+id, map[string]string{"doc_number": "甬教职成〔2019〕13号"}), "admin")
	if resp.StatusCode != http.StatusOK || slices.Contains(stringList(doc["extracted_fields"]), "doc_number") {
		t.Errorf("after PATCH: %d, extracted_fields %v", resp.StatusCode, doc["extracted_fields"])
	}

	// A document with nothing filled has an empty list, not null.
	resp, doc = e.do(e.request("GET", "/api/v1/documents/"+e.bareDocument(cityA), nil), "admin")
	if list, ok := doc["extracted_fields"].([]any); resp.StatusCode != http.StatusOK || !ok || len(list) != 0 {
		t.Errorf("bare document: %d, extracted_fields %#v, want []", resp.StatusCode, doc["extracted_fields"])
	}
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

// TestDocumentJSONNamesTheFieldsAPersonEdited: a field PATCH gives a new
// value, an emptied one included, is listed in edited_fields (and leaves
// extracted_fields); a field patched to the value it had is not, and a
// document nobody edited lists none.
func TestDocumentJSONNamesTheFieldsAPersonEdited(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/documents",
		uploadBody(map[string]string{"city": cityA, "doc_type": "policy"},
			map[string][]byte{"细则.txt": []byte(redHeaderTXT)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	id := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	resp, doc := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin")
	if list, ok := doc["edited_fields"].([]any); resp.StatusCode != http.StatusOK || !ok || len(list) != 0 {
		t.Fatalf("before any edit: %d, edited_fields %#v, want []", resp.StatusCode, doc["edited_fields"])
	}
	resp, doc = e.do(e.request("PATCH", "/api/v1/documents/"+id,
		map[string]string{"doc_number": "甬教职成〔2019〕13号", "issuer": "", "issued_on": "2017-04-02"}), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH: %d %v", resp.StatusCode, doc)
	}
	for _, d := range []map[string]any{doc, e.getDocument(t, id)} {
		got := stringList(d["edited_fields"])
		slices.Sort(got)
		if want := []string{"doc_number", "issuer"}; !slices.Equal(got, want) {
			t.Errorf("edited_fields %v, want %v (issued_on kept its value)", got, want)
		}
		if ext := stringList(d["extracted_fields"]); slices.Contains(ext, "doc_number") || !slices.Contains(ext, "issued_on") {
			t.Errorf("extracted_fields %v, want issued_on still read from the text and doc_number no longer", ext)
		}
	}
}

func (e *env) getDocument(t *testing.T, id string) map[string]any {
	t.Helper()
	resp, doc := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("get %s: %d %v", id, resp.StatusCode, doc)
	}
	return doc
}
