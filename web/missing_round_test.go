package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestWritingADocumentIntoADeletedRoundSaysSo: a file uploaded into a
// round deleted meanwhile, and a document's round changed to it in the
// edit form, are refused with the catalog's reason (监测轮次 … 不存在
// （可能刚被删除）…) on the page, never an internal error, and nothing is
// written into the round.
func TestWritingADocumentIntoADeletedRoundSaysSo(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if err := s.env.Catalog.AddRound(ctx, catalog.Round{Year: 2031, Label: "2031年度"}, testenv.Admin.Username); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Catalog.DeleteRound(ctx, 2031, testenv.Admin.Username); err != nil {
		t.Fatalf("delete the empty round 2031: %v", err)
	}
	doc := s.env.Upload("330100", "社区学院年度总结.txt", "杭州市社区学院二〇一七年工作总结。")
	wang := s.login("wang")
	const gone = "监测轮次 2031 不存在（可能刚被删除）"
	for _, tc := range []struct {
		name string
		send func() (int, string)
	}{
		{"upload into it", func() (int, string) {
			resp, body := wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": "other", "round": "2031"},
				"老年大学招生简章.txt", []byte("杭州市老年大学二〇三一年春季招生简章。"))
			return resp.StatusCode, body
		}},
		{"move a document into it", func() (int, string) {
			resp, body := wang.post("/documents/"+doc.ID, url.Values{"title": {doc.Title}, "doc_type": {string(doc.DocType)}, "round": {"2031"}})
			return resp.StatusCode, body
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := tc.send()
			if status >= 500 || !strings.Contains(textOf(body), gone) {
				t.Errorf("%s: %d %.1500s; want the page to say %s", tc.name, status, textOf(body), gone)
			}
		})
	}
	if d, err := s.env.Catalog.Document(ctx, doc.ID); err != nil || d.Round != doc.Round {
		t.Errorf("the document after the edit: %v, %v; want it left in round %q", d, err, doc.Round)
	}
}
