package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A document uploaded into a round that is not there, or moved into it,
// is refused up front: 400 on the field round, saying the round does not
// exist and where rounds are added, whether it was never added (a slip:
// 2109) or deleted before the request (2031). Nothing is recorded in it,
// nor is a document moved there. Before, any year passed the request's
// check, and the catalog's hold answered 404 with the message of a round
// deleted meanwhile (请刷新页面), on no field.
func TestWritingADocumentIntoAMissingRoundIsRefusedOnTheField(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.cat.AddRound(ctx, catalog.Round{Year: 2031, Label: "2031年度"}, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := e.cat.DeleteRound(ctx, 2031, "admin"); err != nil {
		t.Fatalf("delete the empty round 2031: %v", err)
	}
	doc := e.upload(cityA, "社区学院年度总结.txt", "杭州市社区学院二〇一七年工作总结。")
	for _, round := range []string{"2109", "2031"} {
		text := []byte("杭州市老年大学" + round + "年春季招生简章。")
		for _, tc := range []struct {
			name string
			req  func() *http.Request
		}{
			{"upload into " + round, func() *http.Request {
				return e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": round},
					map[string][]byte{"老年大学招生简章.txt": text}))
			}},
			{"move a document into " + round, func() *http.Request {
				return e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"round": round})
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := e.do(tc.req(), "admin")
				errBody, _ := body["error"].(map[string]any)
				msg, _ := errBody["message"].(string)
				want := fmt.Sprintf("监测轮次 %s 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加", round)
				if resp.StatusCode != http.StatusBadRequest || errBody["code"] != "EINVALID" || errBody["field"] != "round" || msg != want {
					t.Errorf("%s: %d %v; want 400 EINVALID on round saying %s", tc.name, resp.StatusCode, body, want)
				}
			})
		}
		sum := sha256.Sum256(text)
		if _, err := e.cat.DocumentBySHA256(ctx, hex.EncodeToString(sum[:]), cityA); !catalog.IsNotFound(err) {
			t.Errorf("the file uploaded into round %s is recorded: %v", round, err)
		}
	}
	d, err := e.cat.Document(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if d.Round != "2017" {
		t.Errorf("the document moved into a missing round: round %q, want 2017 as uploaded", d.Round)
	}
}
