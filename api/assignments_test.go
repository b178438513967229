package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A department's whole round over the API: the coordinator imports the
// table, the department sees its tasks and hands in against one, the
// coordinator returns it, the department hands in again, the coordinator
// accepts; another department can do nothing with the task.
func TestContributorHandsInAgainstTheirTask(t *testing.T) {
	e := newEnv(t)
	e.tokens["renshe"] = e.te.AddUserIn("renshe", "contributor", cityA, "杭州市人社局")
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.csv": []byte(responsibilityTable)})), "coordA")
	if resp.StatusCode != http.StatusCreated || len(body["assignments"].([]any)) != 2 {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments", nil), "contribA")
	list := body["assignments"].([]any)
	if resp.StatusCode != 200 || len(list) != 1 {
		t.Fatalf("市教育局's tasks: %d %v, want its one task", resp.StatusCode, body)
	}
	task := list[0].(map[string]any)
	for k, v := range map[string]any{"indicator": "2.3.1", "department": "市教育局", "due": "2018-03-31", "contact": "张老师",
		"status": "open", "overdue": true, "city": cityA,
		"info": "制度文件、试点方案、典型案例", "info_en": "Policy documents, pilot plans and case examples"} {
		if task[k] != v {
			t.Errorf("task %s = %v, want %v", k, task[k], v)
		}
	}
	id := task["id"].(string)
	hand := func(role, assignment, text string) (*http.Response, map[string]any) {
		fields := map[string]string{"doc_type": "work_summary"}
		if assignment != "" {
			fields["assignment"] = assignment
		}
		return e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"总结.txt": []byte(text)})), role)
	}
	if resp, body := hand("renshe", id, "杭州市人社局的材料"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another department handing in for 市教育局: %d %v, want 404", resp.StatusCode, body)
	}
	if resp, body := hand("contribA", "", "没有任务的材料"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a department uploading without a task: %d %v, want 403", resp.StatusCode, body)
	}
	resp, body = hand("contribA", id, "杭州市学分银行建设工作总结")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("市教育局 handing in: %d %v", resp.StatusCode, body)
	}
	doc := body["documents"].([]any)[0].(map[string]any)
	if links := doc["links"].([]any); len(links) != 1 || links[0].(map[string]any)["indicator"] != "2.3.1" {
		t.Errorf("the document handed in is linked to %v, want 2.3.1", doc["links"])
	}
	if resp, _ := e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept", nil), "contribA"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the department accepting its own task: %d, want 403", resp.StatusCode)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"缺少文号"}`), "coordA")
	if got := body["assignment"].(map[string]any); resp.StatusCode != 200 || got["status"] != "returned" || got["reason"] != "缺少文号" {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	first := doc["id"]
	wantReturned := func(when string, got map[string]any) {
		t.Helper()
		r, _ := got["returned"].([]any)
		if len(r) != 1 {
			t.Fatalf("%s: returned %v, want the first file alone", when, got["returned"])
		}
		if m := r[0].(map[string]any); m["document_id"] != first || m["by"] != "coordA" || m["reason"] != "缺少文号" || m["at"] == "" {
			t.Errorf("%s: returned %v, want %v by coordA, 缺少文号", when, m, first)
		}
	}
	wantReturned("after the return", body["assignment"].(map[string]any))
	if resp, body := hand("contribA", id, "杭州市学分银行管理办法 杭政办发〔2018〕12号"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in again: %d %v", resp.StatusCode, body)
	}
	e.te.WaitHandedInRead(id)
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept", nil), "coordA")
	got := body["assignment"].(map[string]any)
	if resp.StatusCode != 200 || got["status"] != "accepted" || len(got["documents"].([]any)) != 2 {
		t.Fatalf("accept: %d %v", resp.StatusCode, body)
	}
	wantReturned("accepted with the replacement", got)
	resp, body = e.do(e.request("GET", "/api/v1/assignments/progress?city="+cityA+"&round=2018", nil), "coordA")
	depts := body["departments"].([]any)
	if resp.StatusCode != 200 || len(depts) != 2 {
		t.Fatalf("progress: %d %v", resp.StatusCode, body)
	}
	for _, d := range depts {
		d := d.(map[string]any)
		switch d["department"] {
		case "市教育局":
			if d["accepted"] != 1.0 || d["overdue"] != 0.0 {
				t.Errorf("市教育局's progress: %v", d)
			}
		case "市人社局":
			if d["open"] != 1.0 || d["overdue"] != 1.0 || d["contact"] != "李科长" {
				t.Errorf("市人社局's progress: %v (due 2018-04-15, open: overdue)", d)
			}
		}
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments?status=已确认&city="+cityA, nil), "expert")
	if resp.StatusCode != 200 || len(body["assignments"].([]any)) != 1 {
		t.Errorf("accepted tasks by their Chinese status: %d %v", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA},
		map[string][]byte{"表.csv": []byte("指标编码,责任单位,截止日期\n9.9.9,市教育局,2018-03-31\n2.3.1,,明天\n")})), "coordA")
	msg, _ := body["error"].(map[string]any)["message"].(string)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "第 2 行") || !strings.Contains(msg, "第 3 行") {
		t.Errorf("a bad table: %d %q, want 400 naming rows 2 and 3", resp.StatusCode, msg)
	}
}

// TestDepartmentsAreOneListPerCity edits a city's list of departments
// through the API: a name typed another way is the same department, one
// that still holds tasks or accounts cannot be deleted (the refusal names
// them), and the list marks the one nothing refers to as removable.
func TestDepartmentsAreOneListPerCity(t *testing.T) {
	e := newEnv(t)
	// 市教育局 is on the list already: its contributor's account needed it.
	resp, body := e.do(e.request("POST", "/api/v1/departments", map[string]any{"city": cityA, "name": "市民政局"}), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("add 市民政局: %d %v", resp.StatusCode, body)
	}
	for _, typed := range []string{"杭州市民政局", "杭州市教育局"} {
		resp, body = e.do(e.request("POST", "/api/v1/departments", map[string]any{"city": cityA, "name": typed}), "coordA")
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("%s is a listed department typed another way: %d %v, want 409", typed, resp.StatusCode, body)
		}
	}
	e.submittedTask() // a task of 市教育局
	_, list := e.do(e.request("GET", "/api/v1/departments?city="+cityA, nil), "coordA")
	deps := list["departments"].([]any)
	var id, unused string
	for _, d := range deps {
		switch d := d.(map[string]any); d["name"] {
		case "市教育局":
			id = d["id"].(string)
			if d["assignments"] != float64(1) || d["accounts"] != float64(1) || d["removable"] != false {
				t.Errorf("市教育局 holds %v tasks and %v accounts, removable %v; want 1, 1, false", d["assignments"], d["accounts"], d["removable"])
			}
		case "市民政局":
			unused = d["id"].(string)
			if d["removable"] != true {
				t.Errorf("市民政局, which nothing refers to, is not removable: %v", d)
			}
		}
	}
	if id == "" || unused == "" {
		t.Fatalf("市教育局 or 市民政局 not listed: %v", deps)
	}
	resp, body = e.do(e.request("DELETE", "/api/v1/departments/"+id, nil), "coordA")
	if msg := fmt.Sprint(body); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "1 项责任分解任务") || !strings.Contains(msg, "1 个账号（") {
		t.Errorf("deleting a department with a task and an account: %d %v, want 400 naming them", resp.StatusCode, body)
	}
	if resp, body = e.do(e.request("DELETE", "/api/v1/departments/"+unused, nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("deleting 市民政局, which nothing refers to: %d %v", resp.StatusCode, body)
	}
	resp, _ = e.do(e.request("PATCH", "/api/v1/departments/"+id, map[string]any{"name": "市教育局(终身教育处)"}), "coordB")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("another city's coordinator renaming: %d, want 404", resp.StatusCode)
	}
	// 市民政局 deleted from the list while an account still carries it
	// (moved there by hand): adding it back counts that account, as the
	// list does, rather than calling it unused.
	if err := e.cat.SetUserDepartment(context.Background(), "contribA", "市民政局", "admin"); err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(e.request("POST", "/api/v1/departments", map[string]any{"city": cityA, "name": "市民政局"}), "coordA")
	if d, _ := body["department"].(map[string]any); resp.StatusCode != http.StatusCreated || d["accounts"] != float64(1) || d["removable"] != false {
		t.Errorf("adding back 市民政局, which an account carries: %d %v, want 201 with 1 account, not removable", resp.StatusCode, body)
	}
}
