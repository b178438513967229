package api

import (
	"net/http"
	"testing"
)

// TestDocumentViewNamesAnotherDepartmentNotItsAccount: 市教育局's
// contributor reading a document 市人社局's account (renshe) handed in,
// alone (GET /documents/{id}) or in the city's list, is told 市人社局
// uploaded it, as the duplicate notice says, not the account, which is no
// business of 市教育局's; a colleague's and the coordinator's accounts are
// named as before, and the coordinator, experts, reviewers and admins
// still read every account.
func TestDocumentViewNamesAnotherDepartmentNotItsAccount(t *testing.T) {
	e, task := taskEnv(t)
	e.tokens["renshe"] = e.te.AddUserIn("renshe", "contributor", cityA, "市人社局")
	e.tokens["jiaoyu2"] = e.te.AddUserIn("jiaoyu2", "contributor", cityA, "市教育局")
	rensheTask := e.firstTask(t, "renshe")["id"].(string)
	uploaded := map[string]string{} // document ID by its uploader's account
	for _, up := range []struct{ who, task, text string }{
		{"renshe", rensheTask, "市人社局关于开展职工职业技能培训的工作总结：全年培训企业职工两万三千人次。"},
		{"jiaoyu2", task, "市教育局社区教育工作总结：全市社区学校开展培训一千二百场，参训市民六万人次。"},
		{"coordA", "", "杭州市学习型城市建设工作总结：全市建成市民学习体验基地八十六个。"},
	} {
		var resp *http.Response
		var body map[string]any
		if up.task == "" {
			resp, body = e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"},
				map[string][]byte{"工作总结.txt": []byte(up.text)})), up.who)
		} else {
			resp, body = e.handIn(up.task, up.who, "work_summary", "工作总结.txt", up.text)
		}
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("%s uploads: %d %v", up.who, resp.StatusCode, body)
		}
		uploaded[up.who] = body["documents"].([]any)[0].(map[string]any)["id"].(string)
	}
	for _, tt := range []struct{ reader, uploader, want string }{
		{"contribA", "renshe", "市人社局"},
		{"contribA", "jiaoyu2", "jiaoyu2"},
		{"contribA", "coordA", "coordA"},
		{"renshe", "renshe", "renshe"},
		{"renshe", "jiaoyu2", "市教育局"},
		{"coordA", "renshe", "renshe"},
		{"expert", "renshe", "renshe"},
		{"reviewer", "renshe", "renshe"},
		{"admin", "renshe", "renshe"},
	} {
		id := uploaded[tt.uploader]
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id, nil), tt.reader)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s reads %s's document: %d %v", tt.reader, tt.uploader, resp.StatusCode, body)
		}
		if got, _ := body["uploaded_by"].(string); got != tt.want {
			t.Errorf("%s reads %s's document: uploaded_by %q, want %q", tt.reader, tt.uploader, got, tt.want)
		}
		resp, body = e.do(e.request("GET", "/api/v1/documents?city="+cityA, nil), tt.reader)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s lists the city's documents: %d %v", tt.reader, resp.StatusCode, body)
		}
		found := false
		for _, d := range body["documents"].([]any) {
			if d := d.(map[string]any); d["id"] == id {
				found = true
				if got, _ := d["uploaded_by"].(string); got != tt.want {
					t.Errorf("%s lists %s's document: uploaded_by %q, want %q", tt.reader, tt.uploader, got, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s lists the city's documents without %s's", tt.reader, tt.uploader)
		}
	}
}
