package api

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestHandInTakesTheTasksTypeAndOneTaskReadsAsListed: 市教育局 hands a
// file in for 2.3.1 (制度文件、试点方案、典型案例) naming no doc_type and it is
// stored as a policy, the type 我的任务 pre-selects; the coordinator
// returns it. GET /api/v1/assignments/{id} then answers the task exactly
// as the list does (its returned file named), to the department and the
// coordinator; 市人社局 and an unknown id get 404 with what to do.
func TestHandInTakesTheTasksTypeAndOneTaskReadsAsListed(t *testing.T) {
	e, id := taskEnv(t)
	e.tokens["renshe"] = e.te.AddUserIn("renshe", "contributor", cityA, "市人社局")
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"assignment": id},
		map[string][]byte{"学分银行管理办法.txt": []byte("杭州市学分银行管理办法，杭政办发〔2018〕12号。")})), "contribA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("a hand-in without doc_type: %d %v, want 201", resp.StatusCode, body)
	}
	if doc := body["documents"].([]any)[0].(map[string]any); doc["doc_type"] != "policy" {
		t.Errorf("the hand-in's type: %v, want policy (2.3.1 asks for 制度文件 first)", doc["doc_type"])
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"缺少盖章"}`), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	for _, who := range []string{"contribA", "coordA"} {
		_, list := e.do(e.request("GET", "/api/v1/assignments", nil), who)
		var listed map[string]any
		for _, a := range list["assignments"].([]any) {
			if a.(map[string]any)["id"] == id {
				listed = a.(map[string]any)
			}
		}
		resp, body := e.do(e.request("GET", "/api/v1/assignments/"+id, nil), who)
		got, _ := body["assignment"].(map[string]any)
		if resp.StatusCode != 200 || !reflect.DeepEqual(got, listed) {
			t.Errorf("%s: GET the task: %d %v\nwant as listed: %v", who, resp.StatusCode, body, listed)
		}
		if r, _ := got["returned"].([]any); len(r) != 1 || r[0].(map[string]any)["title"] == "" {
			t.Errorf("%s: the task's returned file %v, want it named", who, got["returned"])
		}
	}
	for _, c := range []struct{ who, id string }{{"renshe", id}, {"contribA", "01NOSUCHTASK"}, {"coordA", "01NOSUCHTASK"}} {
		resp, body := e.do(e.request("GET", "/api/v1/assignments/"+c.id, nil), c.who)
		msg, _ := body["error"].(map[string]any)["message"].(string)
		if resp.StatusCode != http.StatusNotFound || msg == "" {
			t.Errorf("%s: GET task %s: %d %v, want 404 with a message", c.who, c.id, resp.StatusCode, body)
		}
		if c.who != "coordA" && !strings.Contains(msg, "请在“我的任务”中选择本部门的任务") {
			t.Errorf("%s: GET task %s says %q, want where to find the department's tasks", c.who, c.id, msg)
		}
	}
	// A file's own type still wins over the task's.
	files := []namedFile{{"学分银行试点方案.txt", []byte("杭州市学分银行试点方案。")}, {"学分银行统计表.txt", []byte("学分银行开户数：十二万人。")}}
	resp, body = e.do(e.request("POST", "/api/v1/documents", orderedUploadBody(map[string]string{"assignment": id, "doc_type.1": "statistics"}, files)), "contribA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("two files, the second with its own type: %d %v", resp.StatusCode, body)
	}
	for _, d := range body["documents"].([]any) {
		m := d.(map[string]any)
		if want := map[float64]string{0: "policy", 1: "statistics"}[m["part"].(float64)]; m["doc_type"] != want {
			t.Errorf("part %v: doc_type %v, want %s", m["part"], m["doc_type"], want)
		}
	}
}
