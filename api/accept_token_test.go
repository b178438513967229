package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// acceptRefusal posts 确认 of task id as coordA with confirm (none when
// "") and returns the status, the error's message and its confirm_token.
func (e *env) acceptRefusal(id, confirm string) (status int, msg, token string, body map[string]any) {
	path := "/api/v1/assignments/" + id + "/accept"
	if confirm != "" {
		path += "?confirm=" + confirm
	}
	resp, body := e.do(e.request("POST", path, nil), "coordA")
	detail, _ := body["error"].(map[string]any)
	msg, _ = detail["message"].(string)
	token, _ = detail["confirm_token"].(string)
	return resp.StatusCode, msg, token, body
}

// TestAcceptConfirmAnswersTheQuestionAsked: 市教育局 hands in the 2017
// ledger 市人社局's folder holds for its 2018 task; 确认 asks, its 409
// carrying a confirm_token. confirm=1 answers nothing (409 again, the
// same question). Before the coordinator's confirm lands, 市教育局 hands in
// a phone photo that could not be read: the confirm with the old token is
// 409 again, naming the photo, with a new token; with that one the task is
// accepted (review finding: a blanket confirm accepted the photo unasked).
func TestAcceptConfirmAnswersTheQuestionAsked(t *testing.T) {
	e, id := taskEnv(t)
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "statistics",
		"round": "2017", "department": "市人社局", "issued_on": "2017-12-10"}, map[string][]byte{"企业职工教育经费台账.txt": []byte(ledger)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("archiving 市人社局's ledger: %d %v", resp.StatusCode, body)
	}
	e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	if resp, body := e.handIn(id, "contribA", "statistics", "台账.txt", ledger); resp.StatusCode >= 300 {
		t.Fatalf("handing in the ledger: %d %v", resp.StatusCode, body)
	}
	status, msg, asked, body := e.acceptRefusal(id, "")
	if status != http.StatusConflict || asked == "" || !strings.Contains(msg, "confirm="+asked) || !strings.Contains(msg, "2017年度的材料") {
		t.Fatalf("确认 without confirm: %d %v, want 409 naming the ledger with a confirm_token the message names", status, body)
	}
	status, msg, token, body := e.acceptRefusal(id, "1")
	if status != http.StatusConflict || token != asked || !strings.Contains(msg, "不符") || !strings.Contains(msg, "2017年度的材料") {
		t.Errorf("确认 with confirm=1: %d %v, want 409 asking the same question again (token %s)", status, body, asked)
	}

	resp, body = e.handIn(id, "contribA", "work_summary", "手机拍照.txt", "学分银行宣传照片")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the photo: %d %v", resp.StatusCode, body)
	}
	photo := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	if err := e.cat.SetStatus(context.Background(), catalog.StatusChange{ID: photo.ID, Status: catalog.StatusFailed,
		Error: "扫描件的每一页都是空白，无法识别文字；请重新扫描后上传"}); err != nil {
		t.Fatal(err)
	}
	status, msg, again, body := e.acceptRefusal(id, asked)
	if status != http.StatusConflict || again == "" || again == asked || !strings.Contains(msg, "“手机拍照.txt”未能读取") {
		t.Fatalf("确认 with the token asked before the photo came: %d %v, want 409 naming the photo with a new token", status, body)
	}
	if got := e.firstTask(t, "contribA")["status"]; got != "submitted" {
		t.Errorf("after the refused confirm the task is %v, want submitted", got)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept?confirm="+again, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["assignment"].(map[string]any)["status"] != "accepted" {
		t.Errorf("确认 with the new token: %d %v, want accepted", resp.StatusCode, body)
	}
}

// TestAcceptConfirmAsksAgainWhenAFileIsReadUnreliably: the question of
// 确认 names 市人社局's 2017 ledger handed in for a 2018 task, and the
// coordinator checks it as shown: a searchable file. Read again before
// the confirm lands, OCR reads it with low confidence (识别可信度低, which
// the board marks beside the file): the confirm with the token shown is
// refused with the stale question (勾选的核对与任务现在提交的材料不符), a new
// token, the task still submitted. Read again once more and sound, the
// token of the low reading is stale too, the board being back to what it
// first showed; with the token of the board as it is, the task is
// accepted. The token left the mark out: a file read into or out of it
// was accepted under the old one.
func TestAcceptConfirmAsksAgainWhenAFileIsReadUnreliably(t *testing.T) {
	ctx := context.Background()
	e, id, doc, asked := ledgerHandedIn(t)
	read := func(r catalog.Reading) {
		t.Helper()
		if err := e.cat.SetStatus(ctx, catalog.StatusChange{ID: doc.ID, Status: catalog.StatusIndexed, Reading: &r}); err != nil {
			t.Fatal(err)
		}
	}
	const stale = "勾选的核对与任务现在提交的材料不符"
	low, sound := 0.19, 0.86
	read(catalog.Reading{PageSources: []string{catalog.SourceOCRLow}, OCRConfidence: &low})
	status, msg, lowToken, body := e.acceptRefusal(id, asked)
	if status != http.StatusConflict || !strings.Contains(msg, stale) || lowToken == "" || lowToken == asked {
		t.Fatalf("确认 with the token shown before the ledger was read with low confidence: %d %v, want 409 %s… with a new token", status, body, stale)
	}
	if got := e.firstTask(t, "contribA")["status"]; got != "submitted" {
		t.Errorf("after the refused confirm the task is %v, want submitted", got)
	}
	read(catalog.Reading{PageSources: []string{catalog.SourceOCR}, OCRConfidence: &sound})
	status, msg, again, body := e.acceptRefusal(id, lowToken)
	if status != http.StatusConflict || !strings.Contains(msg, stale) || again != asked {
		t.Fatalf("确认 with the token of the low reading after a sound one: %d %v, want 409 %s… with the first token %s", status, body, stale, asked)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept?confirm="+again, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["assignment"].(map[string]any)["status"] != "accepted" {
		t.Errorf("确认 with the token of the board as it is: %d %v, want accepted", resp.StatusCode, body)
	}
}

// TestAcceptConfirmAsksAgainWhenPagesAreLeftOutOfOCR: as for a file read
// unreliably, the coordinator checks 市人社局's 2017 ledger as shown, read
// in full. Read again before the confirm lands, pages 3–5 of it are left
// out of OCR past the cap (第 3–5 页未识别文字, which the board marks): the
// confirm with the token shown is refused with the stale question, a new
// token. Read once more with the cap higher, page 5 alone left out, the
// token of pages 3–5 is stale too; read in full, the first token answers
// again, and the task is accepted. The token left the skipped pages out:
// a file read into or out of them was accepted under the old one.
func TestAcceptConfirmAsksAgainWhenPagesAreLeftOutOfOCR(t *testing.T) {
	ctx := context.Background()
	e, id, doc, asked := ledgerHandedIn(t)
	conf := 0.86
	read := func(sources ...string) {
		t.Helper()
		r := catalog.Reading{PageSources: sources, OCRConfidence: &conf}
		if err := e.cat.SetStatus(ctx, catalog.StatusChange{ID: doc.ID, Status: catalog.StatusIndexed, Pages: len(sources), Reading: &r}); err != nil {
			t.Fatal(err)
		}
	}
	const stale = "勾选的核对与任务现在提交的材料不符"
	ocr, skipped := catalog.SourceOCR, catalog.SourceOCRSkipped
	read(ocr, ocr, skipped, skipped, skipped)
	status, msg, capped, body := e.acceptRefusal(id, asked)
	if status != http.StatusConflict || !strings.Contains(msg, stale) || capped == "" || capped == asked {
		t.Fatalf("确认 with the token shown before pages 3–5 were left out of OCR: %d %v, want 409 %s… with a new token", status, body, stale)
	}
	read(ocr, ocr, ocr, ocr, skipped)
	status, msg, fewer, body := e.acceptRefusal(id, capped)
	if status != http.StatusConflict || !strings.Contains(msg, stale) || fewer == capped || fewer == asked {
		t.Fatalf("确认 with the token of pages 3–5 left out once page 5 alone is: %d %v, want 409 %s… with a third token", status, body, stale)
	}
	if got := e.firstTask(t, "contribA")["status"]; got != "submitted" {
		t.Errorf("after the refused confirms the task is %v, want submitted", got)
	}
	read(ocr, ocr, ocr, ocr, ocr)
	status, msg, again, body := e.acceptRefusal(id, fewer)
	if status != http.StatusConflict || !strings.Contains(msg, stale) || again != asked {
		t.Fatalf("确认 with the token of page 5 left out once read in full: %d %v, want 409 %s… with the first token %s", status, body, stale, asked)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept?confirm="+again, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["assignment"].(map[string]any)["status"] != "accepted" {
		t.Errorf("确认 with the token of the board as it is: %d %v, want accepted", resp.StatusCode, body)
	}
}

// ledgerHandedIn archives 市人社局's 2017 ledger, hands it in for the task
// of taskEnv, and asks 确认 without a token: the task, the archived
// ledger and the token the question carries.
func ledgerHandedIn(t *testing.T) (e *env, id string, doc *catalog.Document, asked string) {
	t.Helper()
	e, id = taskEnv(t)
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "statistics",
		"round": "2017", "department": "市人社局", "issued_on": "2017-12-10"}, map[string][]byte{"企业职工教育经费台账.txt": []byte(ledger)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("archiving 市人社局's ledger: %d %v", resp.StatusCode, body)
	}
	doc = e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	if resp, body := e.handIn(id, "contribA", "statistics", "台账.txt", ledger); resp.StatusCode >= 300 {
		t.Fatalf("handing in the ledger: %d %v", resp.StatusCode, body)
	}
	status, _, asked, body := e.acceptRefusal(id, "")
	if status != http.StatusConflict || asked == "" {
		t.Fatalf("确认 without confirm: %d %v, want 409 with a confirm_token", status, body)
	}
	return e, id, doc, asked
}
