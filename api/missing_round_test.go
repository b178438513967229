package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A document uploaded into a round deleted meanwhile, or moved into it,
// is refused as not found with the catalog's reason (监测轮次 … 不存在
// （可能刚被删除）), never a 500 nor a document left in a round that is
// gone.
func TestWritingADocumentIntoADeletedRoundIsNotFound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.cat.AddRound(ctx, catalog.Round{Year: 2031, Label: "2031年度"}, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := e.cat.DeleteRound(ctx, 2031, "admin"); err != nil {
		t.Fatalf("delete the empty round 2031: %v", err)
	}
	doc := e.upload(cityA, "社区学院年度总结.txt", "杭州市社区学院二〇一七年工作总结。")
	for _, tc := range []struct {
		name string
		req  func() *http.Request
	}{
		{"upload into it", func() *http.Request {
			return e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2031"},
				map[string][]byte{"老年大学招生简章.txt": []byte("杭州市老年大学二〇三一年春季招生简章。")}))
		}},
		{"move a document into it", func() *http.Request {
			return e.request("PATCH", "/api/v1/documents/"+doc, map[string]any{"round": "2031"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := e.do(tc.req(), "admin")
			errBody, _ := body["error"].(map[string]any)
			msg, _ := errBody["message"].(string)
			if resp.StatusCode != http.StatusNotFound || errBody["code"] != "ENOTFOUND" || !strings.Contains(msg, "监测轮次 2031 不存在（可能刚被删除）") {
				t.Errorf("%s: %d %v; want 404 ENOTFOUND saying round 2031 is gone", tc.name, resp.StatusCode, body)
			}
		})
	}
	d, err := e.cat.Document(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if d.Round != "2017" {
		t.Errorf("the document moved into the deleted round: round %q, want 2017 as uploaded", d.Round)
	}
}
