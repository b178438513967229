package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAcceptAsksAgainWhenAFileChanged: 市教育局 hands in the 2017 ledger
// 市人社局's folder holds and a phone photo that could not be read (its
// pages blank); 确认's 409 asks of both. Before the coordinator's confirm
// the archive refiles the ledger under 2016: the confirm is 409 again
// naming 2016, with a new token. Then the photo is read again and fails
// for another reason than the board showed (the file is encrypted): the
// token named the failure but not its reason, and the confirm accepted
// the photo on a reason nobody read; it is 409 again with a new token.
// With the token of the question as it is, the task is accepted.
func TestAcceptAsksAgainWhenAFileChanged(t *testing.T) {
	e, id := taskEnv(t)
	ctx := context.Background()
	if err := e.cat.AddRound(ctx, catalog.Round{Year: 2016}, "admin"); err != nil {
		t.Fatal(err)
	}
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "statistics",
		"round": "2017", "department": "市人社局", "issued_on": "2017-12-10"}, map[string][]byte{"企业职工教育经费台账.txt": []byte(ledger)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("archiving 市人社局's ledger: %d %v", resp.StatusCode, body)
	}
	archived := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	if resp, body := e.handIn(id, "contribA", "statistics", "台账.txt", ledger); resp.StatusCode >= 300 {
		t.Fatalf("handing in the ledger: %d %v", resp.StatusCode, body)
	}
	resp, body = e.handIn(id, "contribA", "work_summary", "手机拍照.txt", "学分银行宣传照片")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in the photo: %d %v", resp.StatusCode, body)
	}
	photo := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string))
	fail := func(why string) {
		t.Helper()
		if err := e.cat.SetStatus(ctx, catalog.StatusChange{ID: photo.ID, Status: catalog.StatusFailed, Error: why}); err != nil {
			t.Fatal(err)
		}
	}
	fail("扫描件的每一页都是空白，无法识别文字；请重新扫描后上传")
	status, msg, asked, body := e.acceptRefusal(id, "")
	if status != http.StatusConflict || asked == "" || !strings.Contains(msg, "2017年度的材料") || !strings.Contains(msg, "“手机拍照.txt”未能读取") {
		t.Fatalf("确认 without confirm: %d %v, want 409 asking of the ledger and the photo", status, body)
	}

	round := "2016"
	if _, err := e.cat.UpdateDocument(ctx, archived.ID, catalog.DocumentPatch{Round: &round}, "admin"); err != nil {
		t.Fatal(err)
	}
	status, msg, refiled, body := e.acceptRefusal(id, asked)
	if status != http.StatusConflict || refiled == "" || refiled == asked || !strings.Contains(msg, "2016年度的材料") {
		t.Fatalf("确认 with the token asked before the ledger was refiled: %d %v, want 409 naming 2016 with a new token", status, body)
	}

	fail("文件已加密，无法读取；请上传未加密的文件")
	status, _, reread, body := e.acceptRefusal(id, refiled)
	if status != http.StatusConflict || reread == "" || reread == refiled {
		t.Fatalf("确认 with the token asked before the photo was read again: %d %v, want 409 with a new token", status, body)
	}
	if got := e.firstTask(t, "contribA")["status"]; got != "submitted" {
		t.Errorf("after the refused confirms the task is %v, want submitted", got)
	}
	resp, body = e.do(e.request("POST", "/api/v1/assignments/"+id+"/accept?confirm="+reread, nil), "coordA")
	if resp.StatusCode != http.StatusOK || body["assignment"].(map[string]any)["status"] != "accepted" {
		t.Errorf("确认 with the token of the question as it is: %d %v, want 200 accepted", resp.StatusCode, body)
	}
}
