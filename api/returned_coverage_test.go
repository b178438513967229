package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestAReturnedFileIsNoEvidenceOfItsRound: the coordinator's 学分银行管理办法,
// linked to 2.3.1, covers 2018's 2.3.1. 市教育局 hands it in for its 2018
// task (hand-in-linked) and the coordinator returns it (退回): the link
// stays, but 2.3.1 is no longer evidenced in 2018 — no documents on the
// heat map, 缺 (gap) on /compare and in the report, which still lists the
// file marked returned. Linked to 3.1.1 for no task, it still counts
// there. 市教育局 hands in a corrected plan and the
// coordinator accepts it: 2.3.1 is evidenced again.
func TestAReturnedFileIsNoEvidenceOfItsRound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	task, doc := e.linkedTask()
	// The coordinator links the same 办法 to 3.1.1 too, for no task.
	e.link(doc, "3.1.1")
	cell, coveredBefore := e.coverageCell("2018", "2.3.1")
	if cell["documents"] != float64(1) {
		t.Fatalf("coverage 2018 before the hand-in: 2.3.1 %v, want the coordinator's document", cell)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task+"/hand-in-linked", map[string]any{"document_id": doc}), "contribA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("hand-in-linked: %d %v", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task+"/return", `{"reason":"办法未盖章，请提交盖章版"}`), "coordA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("return: %d %v", resp.StatusCode, body)
	}
	cell, covered := e.coverageCell("2018", "2.3.1")
	if cell["documents"] != float64(0) || covered != coveredBefore-1 {
		t.Errorf("coverage 2018 after the return: 2.3.1 %v, %v covered (%v before); want no documents and one covered fewer", cell, covered, coveredBefore)
	}
	if cell, _ := e.coverageCell("2018", "3.1.1"); cell["documents"] != float64(1) {
		t.Errorf("coverage 2018 after the return: 3.1.1 %v, want the 办法 still counted (returned on 2.3.1's task alone)", cell)
	}
	if st := e.compareStatus("2018", "2.3.1"); st != "gap" {
		t.Errorf("/compare 2018 after the return: 2.3.1 %q, want gap", st)
	}
	rep, err := report.NewService(e.cat).Build(ctx, testenv.Admin, cityA, 2018)
	if err != nil {
		t.Fatal(err)
	}
	it := reportItem(rep, "2.3.1")
	if it.Status != report.Gap || len(it.Evidence) != 1 || !it.Evidence[0].Returned {
		t.Errorf("the report's 2.3.1 after the return: %q %+v, want %q listing the file marked returned", it.Status, it.Evidence, report.Gap)
	}

	if resp, body := e.handIn(task, "contribA", "policy", "学分银行管理办法（盖章版）.txt", "杭州市学分银行管理办法（盖章版）：市民学习成果可按规定认定、积累和转换。"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the corrected plan: %d %v", resp.StatusCode, body)
	}
	e.te.WaitHandedInRead(task)
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task+"/accept", nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Fatalf("确认 of the corrected plan: %d %v", resp.StatusCode, body)
	}
	if cell, covered := e.coverageCell("2018", "2.3.1"); cell["documents"] != float64(1) || covered != coveredBefore {
		t.Errorf("coverage 2018 after 确认: 2.3.1 %v, %v covered; want the corrected plan and %v covered", cell, covered, coveredBefore)
	}
	if st := e.compareStatus("2018", "2.3.1"); st != "evidence" {
		t.Errorf("/compare 2018 after 确认: 2.3.1 %q, want evidence", st)
	}
}
