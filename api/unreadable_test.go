package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// roundDocument records a document of cityA for round, linked to code
// (to none when code is ""); failed when reason is not "" (a blank scan
// the reader gave up on).
func (e *env) roundDocument(round, title, code, reason string) string {
	e.t.Helper()
	n := e.next()
	d := &catalog.Document{ID: fmt.Sprintf("ROUND%06d", n), SHA256: fmt.Sprintf("%064d", 900000+n), Size: 1, MIME: "image/jpeg",
		Format: "jpeg", Filename: title + ".jpg", Title: title, DocType: catalog.DocPolicy, City: cityA, Round: round,
		Status: catalog.StatusStored, UploadedBy: "test"}
	ctx := context.Background()
	if err := e.cat.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
		e.t.Fatal(err)
	}
	status := catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed}
	if reason != "" {
		status = catalog.StatusChange{ID: d.ID, Status: catalog.StatusFailed, Error: reason}
	}
	if err := e.cat.SetStatus(ctx, status); err != nil {
		e.t.Fatal(err)
	}
	if code != "" {
		e.link(d.ID, code)
	}
	return d.ID
}

// coverageCell is cityA's cell of code in round's coverage, and the
// city's count of covered key indicators.
func (e *env) coverageCell(round, code string) (map[string]any, float64) {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/coverage?city="+cityA+"&round="+round, nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("coverage %s: %d %v", round, resp.StatusCode, body)
	}
	city := body["cities"].([]any)[0].(map[string]any)
	for _, c := range city["cells"].([]any) {
		if cell := c.(map[string]any); cell["code"] == code {
			return cell, city["covered"].(float64)
		}
	}
	e.t.Fatalf("coverage %s has no cell %s", round, code)
	return nil, 0
}

// compareStatus is the status of code in round on the round comparison.
func (e *env) compareStatus(round, code string) string {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/coverage/compare?city="+cityA+"&rounds="+round, nil), "coordA")
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("compare %s: %d %v", round, resp.StatusCode, body)
	}
	for _, r := range body["indicators"].([]any) {
		if row := r.(map[string]any); row["code"] == code {
			return row["rounds"].([]any)[0].(map[string]any)["status"].(string)
		}
	}
	return ""
}

const blankScan = "扫描件的每一页都是空白，没有可读取的文字；请检查扫描仪后重新扫描后上传"

// TestAnUnreadableHandInIsNoEvidence: a blank scan handed in for 市教育局's
// task 2.3.1 cannot be accepted, and it counts nowhere (coverage, the
// round comparison, the report, the pack) until it is read again, when it
// counts once more. The document itself stays.
func TestAnUnreadableHandInIsNoEvidence(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	scan := e.roundDocument("2018", "学分银行制度扫描件", "2.3.1", blankScan)
	task, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: task.ID, To: catalog.AssignmentSubmitted, By: "contribA",
		From: catalog.AssignmentStatuses, Documents: []string{scan}}); err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept", nil), "coordA")
	if msg := errMessage(body); resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "未能读取") || !strings.Contains(msg, "请退回任务，让部门重新上传可读取的文件") {
		t.Errorf("accepting a blank scan: %d %q, want 409 saying it could not be read and to upload a readable file", resp.StatusCode, msg)
	}

	if cell, _ := e.coverageCell("2018", "2.3.1"); cell["documents"] != float64(0) {
		t.Errorf("coverage counts the blank scan: %v", cell)
	}
	if st := e.compareStatus("2018", "2.3.1"); st != "gap" {
		t.Errorf("/compare 2018 says %q of 2.3.1 with only a blank scan, want gap", st)
	}
	rep, err := report.NewService(e.cat).Build(ctx, testenv.Admin, cityA, 2018)
	if err != nil {
		t.Fatal(err)
	}
	it := reportItem(rep, "2.3.1")
	// The scan is named apart, under 未能读取的材料, never as evidence.
	if it.Status != report.Gap || len(it.Evidence) != 0 || len(it.Unreadable) != 1 || !it.Unreadable[0].Unreadable ||
		!strings.Contains(it.Unreadable[0].Name(), "未能读取") {
		t.Errorf("the report's 2.3.1: %q, evidence %+v, unreadable %+v; want 缺 with the scan named apart, marked 未能读取", it.Status, it.Evidence, it.Unreadable)
	}
	pack, err := e.deps.Packs.Prepare(ctx, testenv.Admin, cityA, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(pack.Docs, func(d packs.PackedDocument) bool { return d.Document.ID == scan }) {
		t.Error("the evidence pack ships the blank scan")
	}

	// Read again with success, it is evidence once more.
	if err := e.cat.SetStatus(ctx, catalog.StatusChange{ID: scan, Status: catalog.StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	if cell, covered := e.coverageCell("2018", "2.3.1"); cell["documents"] != float64(1) || covered != 1 {
		t.Errorf("coverage after the scan was read: %v, %v covered; want 1 document, 1 covered", cell, covered)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept", nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("accepting once the scan was read: %d %v", resp.StatusCode, body)
	}
}

// TestCarriedLinksOfUnreadableOrDeletedDocuments: carried into 2018, the
// link of a blank scan and the link of a document deleted since cannot be
// confirmed (each says why), the deleted one can be dropped; and a 2018
// whose only evidence is carried and 待确认 has no key indicator covered,
// as the report does not count it.
func TestCarriedLinksOfUnreadableOrDeletedDocuments(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.roundDocument("2017", "学习卡扫描件", "2.3.2", blankScan)
	gone := e.roundDocument("2017", "读书月活动总结", "3.2.1", "")
	e.roundDocument("2017", "学习周活动方案", "3.1.1", "")
	if _, err := e.cat.CarryOver(ctx, cityA, 2017, 2018, "test"); err != nil {
		t.Fatal(err)
	}
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+gone, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("deleting 读书月活动总结: %d %v", resp.StatusCode, body)
	}
	_, body := e.do(e.request("GET", "/api/v1/carryovers?city="+cityA+"&round=2018", nil), "coordA")
	ids := map[string]string{}
	for _, c := range body["carryovers"].([]any) {
		c := c.(map[string]any)
		ids[c["indicator"].(string)] = c["id"].(string)
	}
	if len(ids) != 3 {
		t.Fatalf("carried into 2018: %v", body)
	}
	decide := func(code, action string) (int, string) {
		resp, body := e.do(e.request("POST", "/api/v1/carryovers/"+ids[code], map[string]any{"action": action}), "coordA")
		return resp.StatusCode, errMessage(body)
	}
	if code, msg := decide("2.3.2", "confirm"); code != http.StatusConflict || !strings.Contains(msg, "未能读取") ||
		!strings.Contains(msg, "请在文档页重新读取或上传替换文件后再确认") {
		t.Errorf("confirming the blank scan's link: %d %q, want 409 saying it could not be read and to read it again or replace it on its page", code, msg)
	}
	if code, msg := decide("3.2.1", "confirm"); code != http.StatusConflict || !strings.Contains(msg, "文档已删除") {
		t.Errorf("confirming a deleted document's link: %d %q, want 409 saying it was deleted", code, msg)
	}
	if code, msg := decide("3.2.1", "drop"); code != http.StatusOK {
		t.Errorf("dropping a deleted document's link: %d %q", code, msg)
	}

	// 学习周活动方案 is in 2018 only as carried and 待确认.
	cell, covered := e.coverageCell("2018", "3.1.1")
	if cell["to_confirm"] != float64(1) || covered != 0 {
		t.Errorf("coverage 2018: 3.1.1 %v, %v covered; want 1 to confirm and none covered", cell, covered)
	}
	rep, err := report.NewService(e.cat).Build(ctx, testenv.Admin, cityA, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if st := reportItem(rep, "3.1.1").Status; st != report.ToConfirm {
		t.Errorf("the report's 3.1.1: %q, want %q", st, report.ToConfirm)
	}
	if code, msg := decide("3.1.1", "confirm"); code != http.StatusOK {
		t.Fatalf("confirming 学习周活动方案: %d %q", code, msg)
	}
	if _, covered := e.coverageCell("2018", "3.1.1"); covered != 1 {
		t.Errorf("coverage 2018 after confirming: %v covered, want 1", covered)
	}
}

// reportItem is the report's key indicator code.
func reportItem(rep *report.Report, code string) report.Item {
	for _, a := range rep.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code == code {
				return it
			}
		}
	}
	return report.Item{}
}

// citeIn stores a pending claim of cityA for code in round citing docID.
func (e *env) citeIn(round int, code, docID string) {
	e.t.Helper()
	c := &catalog.Claim{City: cityA, Round: round, Indicator: code, Statement: "杭州市推行市民终身学习卡", CreatedBy: "coordA",
		Citations: []catalog.Citation{{DocumentID: docID, SHA256: fmt.Sprintf("%064d", 1), Page: 1, Quote: "终身学习卡"}}}
	if err := e.cat.CreateClaim(context.Background(), c); err != nil {
		e.t.Fatal(err)
	}
}

// TestIndicatorEvidenceListsUnreadableDocuments: asked for 2018, the
// evidence of 2.3.1 lists a blank scan of 2018 linked to it and the
// evidence of 2.3.2 a blank scan only cited by a 2018 claim, each with
// status failed and its reason, and neither marked as of another round:
// the coordinator sees the files to read again or replace.
func TestIndicatorEvidenceListsUnreadableDocuments(t *testing.T) {
	e := newEnv(t)
	linked := e.roundDocument("2018", "学分银行制度扫描件", "2.3.1", blankScan)
	cited := e.roundDocument("2018", "学习卡发放统计扫描件", "", blankScan)
	e.citeIn(2018, "2.3.2", cited)
	for code, id := range map[string]string{"2.3.1": linked, "2.3.2": cited} {
		resp, body := e.do(e.request("GET", "/api/v1/indicators/"+code+"/evidence?round=2018", nil), "coordA")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("evidence of %s: %d %v", code, resp.StatusCode, body)
		}
		var doc map[string]any
		for _, d := range body["documents"].([]any) {
			if d := d.(map[string]any); d["id"] == id {
				doc = d
			}
		}
		if doc == nil {
			t.Errorf("the evidence of %s does not list the blank scan %s: %v", code, id, body["documents"])
			continue
		}
		if doc["status"] != "failed" || doc["error"] != blankScan || doc["other_round"] == true {
			t.Errorf("the blank scan in the evidence of %s: status %v, error %v, other_round %v; want failed, its reason, not another round",
				code, doc["status"], doc["error"], doc["other_round"])
		}
	}
}

// TestAClaimCitingOnlyAnUnreadableDocumentIsNoEvidence: a pending 2018
// claim of 2.3.2 whose only citation is a blank scan backs nothing: the
// heat map's cell has no claim backed, the round comparison says gap and
// the report 缺, all three alike.
func TestAClaimCitingOnlyAnUnreadableDocumentIsNoEvidence(t *testing.T) {
	e := newEnv(t)
	scan := e.roundDocument("2018", "学习卡发放统计扫描件", "", blankScan)
	e.citeIn(2018, "2.3.2", scan)
	if cell, covered := e.coverageCell("2018", "2.3.2"); cell["backed"] != float64(0) || covered != 0 {
		t.Errorf("coverage 2018 of 2.3.2: %v, %v covered; want no claim backed, none covered", cell, covered)
	}
	if st := e.compareStatus("2018", "2.3.2"); st != "gap" {
		t.Errorf("/compare 2018 says %q of 2.3.2 with only a claim citing a blank scan, want gap", st)
	}
	rep, err := report.NewService(e.cat).Build(context.Background(), testenv.Admin, cityA, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if st := reportItem(rep, "2.3.2").Status; st != report.Gap {
		t.Errorf("the report's 2.3.2: %q, want %q", st, report.Gap)
	}
}
