package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestCoordinatorHandInListedAsCoordinators: coordA uploads 社区教育年报 on
// the upload page (no task), 市教育局 hands the same bytes in for its
// task, coordA returns it and then, after talking it over, hands the
// same file in for the task. The task's submissions are the two
// hand-ins, contribA's under the department, coordA's as the
// coordinator's (role coordinator, no department); never coordA's
// upload-page upload.
func TestCoordinatorHandInListedAsCoordinators(t *testing.T) {
	e, id := taskEnv(t)
	const report = "杭州市2018年社区教育年报：社区学校126所，参与人次48.6万。"
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "statistics"},
		map[string][]byte{"社区教育年报（上传页）.txt": []byte(report)})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("coordA's upload-page upload: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.handIn(id, "contribA", "statistics", "社区教育年报.txt", report); resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		t.Fatalf("contribA's hand-in: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/return", `{"reason":"请提供盖章版"}`), "coordA"); resp.StatusCode != 200 {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.handIn(id, "coordA", "statistics", "社区教育年报（协调员提交）.txt", report); resp.StatusCode != http.StatusOK {
		t.Fatalf("coordA's hand-in for the task: %d %v", resp.StatusCode, body)
	}
	task := e.firstTask(t, "contribA")
	var got []string
	for _, s := range task["submissions"].([]any) {
		m := s.(map[string]any)
		got = append(got, fmt.Sprintf("%v|%v|%v|%v", m["user"], m["department"], m["role"], m["filename"]))
	}
	want := []string{"contribA|" + task["department"].(string) + "|contributor|社区教育年报.txt", "coordA||coordinator|社区教育年报（协调员提交）.txt"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("the task's submissions: %q, want %q", got, want)
	}
}
