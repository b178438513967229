package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDeletingADocumentReopensTheValuesCitingIt: a verified value whose
// source is deleted goes back to pending, with a value.reopen event, and
// the delete's answer names it.
func TestDeletingADocumentReopensTheValuesCitingIt(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "2017年统计公报.txt", numbersText)
	id := e.value(doc)
	if resp, body := e.do(e.request("POST", "/api/v1/values/"+id+"/reviews", `{"verdict":"verified"}`), "reviewer"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("verify: %d %v", resp.StatusCode, body)
	}
	resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	if got := fmt.Sprint(body["reopened_values"]); got != "["+id+"]" {
		t.Errorf("reopened_values = %s, want [%s]", got, id)
	}
	if got := fmt.Sprint(body["reopened_claims"]); got != "[]" {
		t.Errorf("reopened_claims = %s, want []", got)
	}
	_, body = e.do(e.request("GET", "/api/v1/values/"+id, nil), "reviewer")
	if got := body["value"].(map[string]any)["status"]; got != "pending" {
		t.Errorf("value citing a deleted document: %v, want pending", got)
	}
	events, err := e.cat.Events(context.Background(), "value:"+id, 10)
	if err != nil {
		t.Fatal(err)
	}
	// The value's history: reopened by admin, then the deletion itself
	// (the document.delete event names every value citing it).
	if len(events) < 2 || events[0].Action != "document.delete" || events[1].Action != "value.reopen" || events[1].User != "admin" {
		t.Errorf("the value's last events: %+v, want document.delete after value.reopen by admin", events)
	}
}

// TestDeletingAHandInSendsTheTaskBack: a task whose only document handed
// in is deleted goes back to where it stood before the hand-in (open, or
// returned with its reason), submitted or accepted alike; a task with a
// document left stays; the progress counts follow.
func TestDeletingAHandInSendsTheTaskBack(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	task, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	handIn := func(text string) string {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"doc_type": "work_summary",
			"assignment": task.ID}, map[string][]byte{"总结.txt": []byte(text)})), "contribA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("hand in: %d %v", resp.StatusCode, body)
		}
		return e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	}
	del := func(role, doc string) map[string]any {
		t.Helper()
		resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), role)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("delete %s as %s: %d %v", doc, role, resp.StatusCode, body)
		}
		return body
	}
	state := func() (string, string, int) {
		t.Helper()
		_, body := e.do(e.request("GET", "/api/v1/assignments?city="+cityA+"&round=2018", nil), "coordA")
		for _, a := range body["assignments"].([]any) {
			if a := a.(map[string]any); a["id"] == task.ID {
				reason, _ := a["reason"].(string)
				return a["status"].(string), reason, len(a["documents"].([]any))
			}
		}
		t.Fatalf("task %s not listed: %v", task.ID, body)
		return "", "", 0
	}

	// Submitted, its only document deleted by the coordinator: open again.
	first := handIn("杭州市学分银行建设工作总结")
	body := del("coordA", first)
	if got := fmt.Sprint(body["reopened_assignments"]); got != "["+task.ID+"]" {
		t.Errorf("reopened_assignments = %s, want [%s]", got, task.ID)
	}
	if st, _, n := state(); st != "open" || n != 0 {
		t.Errorf("task after its only hand-in was deleted: %s with %d documents, want open with none", st, n)
	}
	events, err := e.cat.Events(ctx, "assignment:"+task.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[0].Action != "assignment.reopen" || events[0].User != "coordA" {
		t.Errorf("the task's last event: %+v, want assignment.reopen by coordA", events)
	}
	_, body = e.do(e.request("GET", "/api/v1/assignments/progress?city="+cityA+"&round=2018", nil), "coordA")
	if d := body["departments"].([]any)[0].(map[string]any); d["open"] != 1.0 || d["submitted"] != 0.0 {
		t.Errorf("progress after the delete: %v, want 1 open and 0 submitted", d)
	}

	// Handed in, returned, handed in twice more: deleting one of two
	// documents leaves it submitted; deleting the other sends it back to
	// returned, with the reason of the return.
	handIn("杭州市学分银行建设工作总结(初稿)")
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/return", `{"reason":"缺少文号"}`), "coordA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	second, third := handIn("杭州市学分银行管理办法 杭政办发〔2018〕12号"), handIn("杭州市学分银行实施细则")
	if body := del("admin", second); fmt.Sprint(body["reopened_assignments"]) != "[]" {
		t.Errorf("a task with a document left was reopened: %v", body)
	}
	if st, _, n := state(); st != "submitted" || n != 2 {
		t.Errorf("task with documents left: %s with %d documents, want submitted with 2", st, n)
	}
	// The first hand-in is still live but was returned: it keeps the task
	// submitted no more, so the task, with nothing else, is returned again
	// with the reason, still listing the file sent back.
	del("admin", third)
	if st, reason, n := state(); st != "returned" || reason != "缺少文号" || n != 1 {
		t.Errorf("task with its returned document alone left: %s (%q) with %d documents, want returned (缺少文号) listing it", st, reason, n)
	}

	// Handed in again and accepted, then that material deleted: back to
	// returned, reason kept.
	fourth := handIn("杭州市学分银行实施细则（修订稿）")
	e.te.WaitHandedInRead(task.ID)
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept", nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %v", resp.StatusCode, body)
	}
	del("admin", fourth)
	if st, reason, n := state(); st != "returned" || reason != "缺少文号" || n != 1 {
		t.Errorf("accepted task whose material was deleted: %s (%q) with %d documents, want returned (缺少文号) with the returned file alone", st, reason, n)
	}
}

// TestATaskWithNoDocumentCannotBeAccepted: a submitted task whose
// documents are all gone (recorded so before deletes sent tasks back) is
// refused with a message that says what to do.
func TestATaskWithNoDocumentCannotBeAccepted(t *testing.T) {
	e := newEnv(t)
	task, err := e.te.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cat.ChangeAssignment(context.Background(), catalog.AssignmentChange{ID: task.ID, To: catalog.AssignmentSubmitted,
		From: catalog.AssignmentStatuses, By: "test"}); err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept", nil), "coordA")
	detail, _ := body["error"].(map[string]any)
	msg, _ := detail["message"].(string)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "没有可确认的材料") || !strings.Contains(msg, "退回") {
		t.Errorf("accepting a task with no document: %d %q, want 409 saying there is nothing to accept", resp.StatusCode, msg)
	}
}
