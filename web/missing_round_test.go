package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestWritingADocumentIntoAMissingRoundMarksTheField: a file uploaded
// into a round that is not there (never added: 2109; deleted before:
// 2031), and a document's round changed to it in the edit form, are
// refused on the form itself, shown again with the round typed, the
// round field marked and the reason beside it (监测轮次 … 不存在：… 监测
// 轮次 are added on 系统管理); never the error page, and nothing is
// written into the round. Before, the edit went to the error page with
// the message of a round deleted meanwhile (请刷新页面).
func TestWritingADocumentIntoAMissingRoundMarksTheField(t *testing.T) {
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
	for _, round := range []string{"2109", "2031"} {
		missing := fmt.Sprintf("监测轮次 %s 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加", round)
		for _, tc := range []struct {
			name   string
			send   func() (int, string)
			marked string // the round field's input, marked
			reason string // the element of the reason beside it
		}{
			{"upload into " + round, func() (int, string) {
				resp, body := wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": "other", "round": round},
					"老年大学招生简章.txt", []byte("杭州市老年大学"+round+"年春季招生简章。"))
				return resp.StatusCode, body
			}, `id="round" name="round" value="` + round + `"`, `id="up-round-err"`},
			{"move a document into " + round, func() (int, string) {
				resp, body := wang.post("/documents/"+doc.ID, url.Values{"title": {doc.Title}, "doc_type": {string(doc.DocType)}, "round": {round}})
				return resp.StatusCode, body
			}, `id="m-round" name="round" value="` + round + `"`, `id="m-round-err"`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				status, body := tc.send()
				page := html.UnescapeString(body)
				input := page[max(strings.Index(page, tc.marked), 0):]
				input = input[:max(strings.Index(input, ">"), 0)]
				reason := page[max(strings.Index(page, tc.reason), 0):]
				if status != 400 || !strings.Contains(input, `aria-invalid="true"`) || !strings.Contains(reason, missing) {
					t.Errorf("%s: %d, round field %q; want 400, the form again with the round field marked and saying %s beside it; page %.1500s",
						tc.name, status, input, missing, textOf(body))
				}
			})
		}
	}
	if d, err := s.env.Catalog.Document(ctx, doc.ID); err != nil || d.Round != doc.Round {
		t.Errorf("the document after the edits: %v, %v; want it left in round %q", d, err, doc.Round)
	}
	for _, round := range []int{2109, 2031} {
		if docs, n, err := s.env.Catalog.FindDocuments(ctx, catalog.DocumentFilter{Round: fmt.Sprint(round)}); err != nil || n != 0 {
			t.Errorf("documents of round %d: %v, %v; want none", round, docs, err)
		}
	}
}
