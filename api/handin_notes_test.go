package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestHandInOfLastYearsFileIsMarkedAndAsked: the archive holds 市人社局's
// 2017 ledger (成文日期 2017-12-10); 市教育局 hands in the same bytes for
// its 2018 task. The task as the API lists it marks the file (2017年度的
// 材料，成文日期 2017-12-10; 档案中属于市人社局), and accepting it is 409 on
// confirm naming both until confirm carries the 409's confirm_token
// (probe s42 finding 3).
func TestHandInOfLastYearsFileIsMarkedAndAsked(t *testing.T) {
	e, id := taskEnv(t)
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "statistics",
		"round": "2017", "department": "市人社局", "issued_on": "2017-12-10"}, map[string][]byte{"企业职工教育经费台账-盖章版.txt": []byte(ledger)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("archiving 市人社局's ledger: %d %v", resp.StatusCode, body)
	}
	e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	if resp, body := e.handIn(id, "contribA", "statistics", "台账.txt", ledger); resp.StatusCode >= 300 {
		t.Fatalf("handing in the ledger again: %d %v", resp.StatusCode, body)
	}
	_, view := e.do(e.request("GET", "/api/v1/assignments/"+id, nil), "coordA")
	task, _ := view["assignment"].(map[string]any)
	notes, _ := task["handin_notes"].([]any)
	var said []string
	for _, n := range notes {
		m := n.(map[string]any)
		said = append(said, m["kind"].(string)+" "+m["note"].(string)+" / "+m["note_en"].(string))
	}
	for _, want := range []string{"other_round 2017年度的材料\uFF0C成文日期 2017-12-10 / material of round 2017, dated 2017-12-10",
		"other_department 档案中属于市人社局 / filed under 市人社局 in the archive"} {
		if !strings.Contains(strings.Join(said, "\n"), want) {
			t.Errorf("the task's handin_notes %q lack %q", said, want)
		}
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept", nil), "coordA")
	detail, _ := body["error"].(map[string]any)
	msg, _ := detail["message"].(string)
	if resp.StatusCode != http.StatusConflict || detail["field"] != "confirm" ||
		!strings.Contains(msg, "“企业职工教育经费台账-盖章版.txt”是2017年度的材料\uFF0C成文日期 2017-12-10") || !strings.Contains(msg, "档案中属于市人社局") {
		t.Errorf("accepting without confirm: %d %v, want 409 on confirm naming the file's round and department", resp.StatusCode, body)
	}
	if got := e.firstTask(t, "contribA")["status"]; got != "submitted" {
		t.Errorf("after the refused accept the task is %v, want submitted", got)
	}
	token, _ := detail["confirm_token"].(string)
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept?confirm="+token, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["assignment"].(map[string]any)["status"] != "accepted" {
		t.Errorf("accepting with confirm=%s (the 409's confirm_token): %d %v, want accepted", token, resp.StatusCode, body)
	}
}

// TestAcceptNamesTheFileThatCouldNotBeRead: 市教育局 hands in its work
// summary and a phone photo that could not be read. Accepting is 409
// naming the photo (确认后不计入佐证材料) until confirmed with its token; a task of
// readable files alone is accepted at once (probe s42 finding 5).
func TestAcceptNamesTheFileThatCouldNotBeRead(t *testing.T) {
	e, id := taskEnv(t)
	if resp, body := e.handIn(id, "contribA", "work_summary", "师资队伍建设总结.txt", "2018年杭州市师资队伍建设总结：培训社区教育专职教师320人。"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the summary: %d %v", resp.StatusCode, body)
	}
	resp, body := e.handIn(id, "contribA", "work_summary", "手机拍照.txt", "学分银行宣传照片")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the photo: %d %v", resp.StatusCode, body)
	}
	photo := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	if err := e.cat.SetStatus(context.Background(), catalog.StatusChange{ID: photo.ID, Status: catalog.StatusFailed,
		Error: "扫描件的每一页都是空白，无法识别文字；请重新扫描后上传"}); err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept", nil), "coordA")
	detail, _ := body["error"].(map[string]any)
	msg, _ := detail["message"].(string)
	en, _ := detail["message_en"].(string)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "“手机拍照.txt”未能读取\uFF0C确认后不计入佐证材料") ||
		strings.Contains(msg, "师资队伍建设总结") || !strings.Contains(en, "will not count as evidence") {
		t.Errorf("accepting without confirm: %d %v, want 409 naming the photo alone", resp.StatusCode, body)
	}
	token, _ := detail["confirm_token"].(string)
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept?confirm="+token, nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("accepting with confirm=%s (the 409's confirm_token): %d %v", token, resp.StatusCode, body)
	}

	e2, id2 := taskEnv(t)
	if resp, body := e2.handIn(id2, "contribA", "work_summary", "师资队伍建设总结.txt", "2018年杭州市师资队伍建设总结：培训社区教育专职教师320人。"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the summary: %d %v", resp.StatusCode, body)
	}
	e2.te.WaitHandedInRead(id2)
	if resp, body := e2.do(e2.request("POST", "/api/v1/assignments/"+id2+"/accept", nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("accepting a task of readable files of its round: %d %v, want accepted without confirm", resp.StatusCode, body)
	}
}
