package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestUploadingADeletedDocumentsBytesOffersItsRestore: the very bytes of
// a document 杭州 deleted, sent again by 杭州's coordinator, are not
// stored as a second document: the answer is 409 naming the deleted
// document (its id, deleted, when and by whom) and its restore; sent with
// a new file, that file is stored and this one listed under errors alike.
// 成都 uploading the same bytes makes its own document, and once the
// deleted original is gone (nothing to restore) the bytes are stored anew.
func TestUploadingADeletedDocumentsBytesOffersItsRestore(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	text := "杭州市社区教育工作总结（2017年）：全年开展社区教育活动1200余场。"
	sum := sha256.Sum256([]byte(text))
	sha := hex.EncodeToString(sum[:])
	doc := e.upload(cityA, "社区教育工作总结.txt", text)
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+doc, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	send := func(city string, files map[string][]byte) (*http.Response, map[string]any) {
		return e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": city, "doc_type": "work_summary"}, files)), "admin")
	}
	checkDeleted := func(what string, detail map[string]any) {
		t.Helper()
		dd, _ := detail["deleted_document"].(map[string]any)
		if dd == nil || dd["id"] != doc || dd["deleted"] != true || dd["deleted_by"] != "admin" || dd["restore"] != "/api/v1/documents/"+doc+"/restore" {
			t.Errorf("%s: deleted_document %v, want %s deleted by admin with its restore", what, dd, doc)
		}
		msg, _ := detail["message"].(string)
		if !strings.Contains(msg, "已删除的文档《杭州市社区教育工作总结》") || !strings.Contains(msg, "由 admin 删除") || !strings.Contains(msg, "/documents/"+doc) {
			t.Errorf("%s: message %q does not name the deleted document, who deleted it and its page", what, msg)
		}
	}

	resp, body := send(cityA, map[string][]byte{"总结（重传）.txt": []byte(text)})
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("the deleted document's bytes again: %d %v, want 409", resp.StatusCode, body)
	}
	checkDeleted("alone", body["error"].(map[string]any))
	if _, err := e.cat.DocumentBySHA256(ctx, sha, cityA); !catalog.IsNotFound(err) {
		t.Fatalf("a live document of the deleted bytes after the upload: %v", err)
	}

	resp, body = send(cityA, map[string][]byte{"总结（重传）.txt": []byte(text), "新通知.txt": []byte("关于举办2018年杭州学习节的通知。")})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("with a new file: %d %v, want 201", resp.StatusCode, body)
	}
	if docs := body["documents"].([]any); len(docs) != 1 || docs[0].(map[string]any)["uploaded_as"] != "新通知.txt" {
		t.Errorf("with a new file: documents %v, want the new file alone", docs)
	}
	errs, _ := body["errors"].([]any)
	if len(errs) != 1 {
		t.Fatalf("with a new file: errors %v, want the deleted document's bytes", errs)
	}
	checkDeleted("with a new file", errs[0].(map[string]any)["error"].(map[string]any))

	if resp, body := send(cityB, map[string][]byte{"总结.txt": []byte(text)}); resp.StatusCode != http.StatusCreated {
		t.Errorf("成都 uploading the bytes 杭州 deleted: %d %v, want 201", resp.StatusCode, body)
	}

	// Not restorable any more: stored anew.
	if err := e.te.Blobs.Delete(ctx, catalog.OriginalKey(sha)); err != nil {
		t.Fatal(err)
	}
	resp, body = send(cityA, map[string][]byte{"总结（重传）.txt": []byte(text)})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("the bytes of a deleted document whose original is gone: %d %v, want 201", resp.StatusCode, body)
	}
	if id := body["documents"].([]any)[0].(map[string]any)["id"]; id == doc {
		t.Errorf("the new upload answered the deleted document %s", doc)
	}
}

// TestHandingInAgainAfterWithdrawOrDelete: 市教育局 withdraws its file
// (撤回, which deletes it: nothing else held it) and hands the same bytes
// in again: a new hand-in, stored. Deleted by an admin instead, the same
// bytes handed in again are refused, telling the department to ask the
// coordinator to restore the document, which it may not do itself.
func TestHandingInAgainAfterWithdrawOrDelete(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	task, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("市教育局2018年社区教育工作总结：新建社区学校12所。")
	handIn := func() (*http.Response, map[string]any) {
		return e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"doc_type": "work_summary",
			"assignment": task.ID}, map[string][]byte{"总结.txt": text})), "contribA")
	}
	resp, body := handIn()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("hand in: %d %v", resp.StatusCode, body)
	}
	first := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/withdraw", map[string]any{"document_id": first}), "contribA"); resp.StatusCode != http.StatusOK || body["document_deleted"] != true {
		t.Fatalf("withdraw: %d %v, want the document deleted", resp.StatusCode, body)
	}
	resp, body = handIn()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("handing in again after a withdraw: %d %v, want 201", resp.StatusCode, body)
	}
	second := e.te.WaitIndexed(body["documents"].([]any)[0].(map[string]any)["id"].(string)).ID
	if second == first {
		t.Fatalf("handing in again after a withdraw answered the withdrawn document")
	}
	if resp, body := e.do(e.request("DELETE", "/api/v1/documents/"+second, nil), "admin"); resp.StatusCode != http.StatusOK {
		t.Fatalf("delete: %d %v", resp.StatusCode, body)
	}
	resp, body = handIn()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(errorMessage(body), "请联系本市协调员恢复这份文档（/documents/"+second+"）") {
		t.Errorf("handing in the bytes an admin deleted: %d %v, want 409 asking the coordinator to restore %s", resp.StatusCode, body, second)
	}
	// The department may not restore: no address to restore it by is
	// offered (the upload page then shows no 恢复 link).
	errBody, _ := body["error"].(map[string]any)
	if dd, _ := errBody["deleted_document"].(map[string]any); dd == nil || dd["restore"] != nil {
		t.Errorf("the contributor's refusal names %v, want the deleted document without its restore", dd)
	}
}
