package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAssignmentListSaysWhatTheCoordinatorLinked: 市教育局 owes 2.3.1
// for 2018 and the coordinator linked two documents to 2.3.1 for 2018.
// The department's task list over the API keeps the task open — a link
// is no hand-in, its documents stay empty — and says in
// linked_by_coordinator the 2 documents, by id and title, as the board
// does; 市人社局's task of 1.3.2 has none.
func TestAssignmentListSaysWhatTheCoordinatorLinked(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.csv": []byte(responsibilityTable)})), "coordA"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	plan := e.upload(cityA, "学分银行建设方案.txt", "杭州市学分银行建设方案，推进学分认定。")
	rules := e.upload(cityA, "学分银行管理办法.txt", "杭州市学分银行管理办法，规范学习成果转换。")
	for _, id := range []string{plan, rules} {
		if err := e.ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: id, IndicatorCode: "2.3.1", Page: 1}, 2018); err != nil {
			t.Fatal(err)
		}
	}
	titles := map[string]string{plan: e.mustDoc(plan).Title, rules: e.mustDoc(rules).Title}
	resp, body := e.do(e.request("GET", "/api/v1/assignments", nil), "contribA")
	list, _ := body["assignments"].([]any)
	if resp.StatusCode != 200 || len(list) != 1 {
		t.Fatalf("市教育局's tasks: %d %v, want its one task", resp.StatusCode, body)
	}
	task := list[0].(map[string]any)
	if task["status"] != "open" || len(task["documents"].([]any)) != 0 {
		t.Errorf("市教育局's task: status %v, documents %v; want open with nothing handed in", task["status"], task["documents"])
	}
	linked, _ := task["linked_by_coordinator"].(map[string]any)
	if linked == nil || linked["count"] != float64(2) {
		t.Fatalf("市教育局's linked_by_coordinator = %v, want a count of 2", task["linked_by_coordinator"])
	}
	docs, _ := linked["documents"].([]any)
	if len(docs) != 2 {
		t.Fatalf("linked_by_coordinator documents = %v, want 2", docs)
	}
	for i, id := range []string{plan, rules} {
		d := docs[i].(map[string]any)
		if d["id"] != id || d["title"] != titles[id] {
			t.Errorf("linked document %d = %v, want %s %s", i, d, id, titles[id])
		}
	}
	if task["covered"] != true || task["overdue"] != false {
		t.Errorf("市教育局's task past its date with the coordinator's material: covered %v, overdue %v; want covered, not overdue",
			task["covered"], task["overdue"])
	}
	_, body = e.do(e.request("GET", "/api/v1/assignments?city="+cityA+"&round=2018", nil), "coordA")
	for _, a := range body["assignments"].([]any) {
		if a := a.(map[string]any); a["indicator"] == "1.3.2" && (a["linked_by_coordinator"] != nil || a["covered"] != false || a["overdue"] != true) {
			t.Errorf("市人社局's task of 1.3.2 past its date: linked %v, covered %v, overdue %v; want nothing linked, overdue",
				a["linked_by_coordinator"], a["covered"], a["overdue"])
		}
	}
	_, body = e.do(e.request("GET", "/api/v1/assignments?city="+cityA+"&round=2018&overdue=1", nil), "coordA")
	if late, _ := body["assignments"].([]any); len(late) != 1 || late[0].(map[string]any)["indicator"] != "1.3.2" {
		t.Errorf("overdue=1 lists %v, want 1.3.2 alone (2.3.1 is covered)", body["assignments"])
	}
	_, body = e.do(e.request("GET", "/api/v1/assignments/progress?city="+cityA+"&round=2018", nil), "coordA")
	for _, d := range body["departments"].([]any) {
		d := d.(map[string]any)
		if d["department"] == "市教育局" && (d["overdue"] != float64(0) || d["covered"] != float64(1)) {
			t.Errorf("市教育局's progress: %v, want overdue 0, covered 1", d)
		}
	}
}
