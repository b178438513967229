package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestDuplicateNamesAnotherDepartmentNotItsAccount: a department
// contributor sending bytes the archive holds, with a type the stored
// document lacks, is told who uploaded it and when; an upload by another
// department's account is named by its 责任单位 (市人社局 于 … 上传), not
// by the account, which is no business of 市教育局's; a colleague's and the
// coordinator's accounts are named as before, and the coordinator still
// sees every account (probe s43 #2).
func TestDuplicateNamesAnotherDepartmentNotItsAccount(t *testing.T) {
	e, task := taskEnv(t)
	e.tokens["renshe"] = e.te.AddUserIn("renshe", "contributor", cityA, "市人社局")
	e.tokens["jiaoyu2"] = e.te.AddUserIn("jiaoyu2", "contributor", cityA, "市教育局")
	const (
		byRenshe = "市人社局关于开展职工职业技能培训的工作总结：全年培训企业职工两万三千人次。"
		byJiaoyu = "市教育局社区教育工作总结：全市社区学校开展培训一千二百场，参训市民六万人次。"
		byCoord  = "杭州市学习型城市建设工作总结：全市建成市民学习体验基地八十六个。"
		// byRenshe2 is sent again as what it is: nothing left unapplied.
		byRenshe2 = "市人社局关于技能人才培养的工作总结：全年新增高技能人才八千人。"
	)
	rensheTask := e.firstTask(t, "renshe")["id"].(string)
	for _, up := range []struct{ who, task, text string }{
		{"renshe", rensheTask, byRenshe}, {"renshe", rensheTask, byRenshe2}, {"jiaoyu2", task, byJiaoyu},
	} {
		if resp, body := e.handIn(up.task, up.who, "work_summary", "工作总结.txt", up.text); resp.StatusCode != http.StatusCreated {
			t.Fatalf("%s hands in: %d %v", up.who, resp.StatusCode, body)
		}
	}
	if resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"},
		map[string][]byte{"工作总结.txt": []byte(byCoord)})), "coordA"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("coordA uploads: %d %v", resp.StatusCode, body)
	}
	for _, tt := range []struct {
		name, who, text string
		want, not       string
		uploadedBy      string // the answer's uploaded_by
	}{
		{"another department's upload", "contribA", byRenshe, "市人社局 于 ", "renshe", "市人社局"},
		{"another department's upload, of its type", "contribA", byRenshe2, "", "renshe", "市人社局"},
		{"a colleague's upload", "contribA", byJiaoyu, "jiaoyu2 于 ", "", "jiaoyu2"},
		{"the coordinator's upload", "contribA", byCoord, "coordA 于 ", "", "coordA"},
		{"the coordinator sends it", "coordA", byRenshe, "renshe 于 ", "", "renshe"},
	} {
		var resp *http.Response
		var body map[string]any
		if tt.who == "coordA" {
			resp, body = e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy"},
				map[string][]byte{"再次上传.txt": []byte(tt.text)})), tt.who)
		} else {
			docType := "policy"
			if tt.want == "" {
				docType = "work_summary"
			}
			resp, body = e.handIn(task, tt.who, docType, "再次上传.txt", tt.text)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v, want 200 (a duplicate)", tt.name, resp.StatusCode, body)
		}
		doc := body["documents"].([]any)[0].(map[string]any)
		zh, _ := doc["duplicate_notice"].(string)
		label, _ := doc["duplicate_label"].(string)
		en, _ := doc["duplicate_notice_en"].(string)
		for _, s := range []string{zh, label} {
			if !strings.Contains(s, tt.want) {
				t.Errorf("%s: %q, want it to say %q", tt.name, s, tt.want)
			}
		}
		if got, _ := doc["uploaded_by"].(string); got != tt.uploadedBy {
			t.Errorf("%s: uploaded_by %q beside the notice %q, want %q", tt.name, got, zh, tt.uploadedBy)
		}
		if tt.not != "" && (strings.Contains(zh, tt.not) || strings.Contains(label, tt.not) || strings.Contains(en, tt.not)) {
			t.Errorf("%s: %q / %q names the account %q of another department", tt.name, zh, en, tt.not)
		}
	}
}
