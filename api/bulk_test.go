package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

func TestBulkChangeReportsEachDocumentAndMovesAreForAdmins(t *testing.T) {
	e := newEnv(t)
	docA := e.upload(cityA, "a.txt", "杭州市建立学分银行,推进学习成果认证。")
	docB := e.upload(cityA, "b.txt", "宁波市举办全民终身学习活动周。")
	// City B's coordinator is told, per document, that it is not found.
	resp, body := e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA}, "round": "2018"}), "coordB")
	results, _ := body["results"].([]any)
	if resp.StatusCode != 200 || body["changed"] != float64(0) || len(results) != 1 || results[0].(map[string]any)["ok"] != false {
		t.Errorf("bulk edit of another city's document: %d %v, want nothing changed", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA, docB},
		"issued_on": "2018年3月20日", "indicator": "2.3.1"}), "coordA")
	if resp.StatusCode != 200 || body["changed"] != float64(2) {
		t.Errorf("bulk edit by the city's coordinator: %d %v", resp.StatusCode, body)
	}
	if d := e.mustDoc(docB); d.IssuedOn != "2018-03-20" {
		t.Errorf("bulk date: %q, want 2018-03-20", d.IssuedOn)
	}
	resp, body = e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{docA}, "issued_on": "三月"}), "coordA")
	if errObj, _ := body["error"].(map[string]any); resp.StatusCode != 400 || errObj["field"] != "issued_on" {
		t.Errorf("bulk edit with a bad date: %d %v, want 400 naming issued_on", resp.StatusCode, body)
	}
	for _, tt := range []struct {
		role   string
		status int
	}{{"coordA", http.StatusForbidden}, {"expert", http.StatusForbidden}, {"admin", http.StatusOK}} {
		resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+docB, map[string]any{"city": "330200"}), tt.role)
		if resp.StatusCode != tt.status {
			t.Errorf("move by %s: %d %v, want %d", tt.role, resp.StatusCode, body, tt.status)
		}
	}
	if d := e.mustDoc(docB); d.City != "330200" {
		t.Errorf("after the admin's move the document is in %s, want 330200", d.City)
	}
}

// TestBulkRoundChangeOfARoundsListSaysWhatItSkipped: picked from the list
// of 2018 (listed_round), a document of 2017 linked into 2018 keeps its
// round and its result says skipped, with why, and not ok, as nothing
// else was asked; the 2018 document moves. Asked a 文号 as well, the
// 2017 document is ok and changed, skipped, with the reason.
func TestBulkRoundChangeOfARoundsListSaysWhatItSkipped(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.te.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	summary := e.upload(cityA, "工作总结.txt", "杭州市2018年社区教育工作总结。")
	policy := e.upload(cityA, "实施意见.txt", "杭州市关于建立学分银行的实施意见。")
	for id, round := range map[string]string{summary: "2018", policy: "2017"} {
		if _, err := e.te.Documents.Edit(ctx, testenv.Admin, id, catalog.DocumentPatch{Round: &round}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: policy, IndicatorCode: "2.3.1"}, 2018); err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{summary, policy},
		"round": "2019", "listed_round": "2018"}), "coordA")
	results, _ := body["results"].([]any)
	if resp.StatusCode != 200 || body["changed"] != float64(1) || len(results) != 2 {
		t.Fatalf("bulk round change of 2018's list: %d %v, want one changed", resp.StatusCode, body)
	}
	for _, r := range results {
		res := r.(map[string]any)
		errObj, _ := res["error"].(map[string]any)
		switch res["id"] {
		case summary:
			if res["ok"] != true || res["skipped"] != nil {
				t.Errorf("the 2018 summary: %v, want changed", res)
			}
		case policy:
			if res["ok"] != false || res["skipped"] != true || !strings.Contains(fmt.Sprint(errObj["message"]), "2017") {
				t.Errorf("the 2017 policy linked into 2018: %v, want skipped saying it is of 2017", res)
			}
		}
	}
	if d := e.mustDoc(policy); d.Round != "2017" {
		t.Errorf("the skipped policy's round %q, want 2017", d.Round)
	}
	if d := e.mustDoc(summary); d.Round != "2019" {
		t.Errorf("the summary's round %q, want 2019", d.Round)
	}

	// With its 文号 too: the 文号 is saved, so the policy is ok and
	// changed, skipped only in its round, with the reason.
	resp, body = e.do(e.request("POST", "/api/v1/documents/bulk", map[string]any{"ids": []string{policy},
		"round": "2019", "doc_number": "杭教〔2017〕12号", "listed_round": "2018"}), "coordA")
	results, _ = body["results"].([]any)
	if resp.StatusCode != 200 || body["changed"] != float64(1) || len(results) != 1 {
		t.Fatalf("bulk round and 文号 change of 2018's list: %d %v, want the policy changed", resp.StatusCode, body)
	}
	res := results[0].(map[string]any)
	reason, _ := res["reason"].(map[string]any)
	if res["ok"] != true || res["skipped"] != true || res["error"] != nil || !strings.Contains(fmt.Sprint(reason["message"]), "其他修改已保存") {
		t.Errorf("the policy with its 文号 saved: %v, want ok, skipped, the reason saying 其他修改已保存", res)
	}
	if d := e.mustDoc(policy); d.Round != "2017" || d.DocNumber != "杭教〔2017〕12号" {
		t.Errorf("the policy after the change: round %q 文号 %q, want 2017 and the new 文号", d.Round, d.DocNumber)
	}
}
