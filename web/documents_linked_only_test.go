package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentsOfARoundSayWhichAreLinkedOnly: on /documents?round=2018 a
// 2017 policy linked for 2018 is marked as another round's document
// linked into 2018, so that a bulk change of round is not made to it
// unawares; a document of 2018 is not marked, nor is anything on 2017.
func TestDocumentsOfARoundSayWhichAreLinkedOnly(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡，建立个人学习档案。")
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}, 2018); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, page := wang.get("/documents?round=2018")
	row := rowOf(page, doc.ID)
	if !strings.Contains(row, doc.Round) || !strings.Contains(row, "（关联计入本轮，不属于本轮）") {
		t.Errorf("the %s document on the 2018 list: %.800s, want its round and marked linked into 2018", doc.Round, row)
	}
	_, page = wang.get("/documents?round=" + doc.Round)
	if row := rowOf(page, doc.ID); row == "" || strings.Contains(row, "关联计入本轮") {
		t.Errorf("the document on its own round's list: %.800s, want it listed and not marked", row)
	}
}

// rowOf is the documents list's row of a document, "" for none.
func rowOf(page, id string) string {
	i := strings.Index(page, `data-id="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</tr>")
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

// TestBulkRoundChangeSaysWhichKeptTheirRound: from /documents?round=2018
// the coordinator gives a 2018 summary and a 2017 policy linked into 2018
// round 2019 and a 文号. Both are counted changed (the policy's 文号 is
// saved); the summary says the policy kept its round, and why; nothing
// stays ticked as failed.
func TestBulkRoundChangeSaysWhichKeptTheirRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if err := s.env.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	summary := s.env.Upload("330100", "工作总结.txt", "杭州市2018年社区教育工作总结。")
	policy := s.env.Upload("330100", "实施意见.txt", "杭州市关于建立学分银行的实施意见。")
	for id, round := range map[string]string{summary.ID: "2018", policy.ID: "2017"} {
		if _, err := s.env.Documents.Edit(ctx, testenv.Admin, id, catalog.DocumentPatch{Round: &round}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: policy.ID, IndicatorCode: "2.3.1"}, 2018); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	resp, body := wang.post("/documents/bulk", url.Values{"ids": {summary.ID, policy.ID}, "round": {"2019"},
		"doc_number": {"杭教〔2018〕7号"}, "return": {"/documents?round=2018"}})
	text := textOf(body)
	want := "已修改 2 份文档；其中 1 份属于其他轮次，只是有关联计入 2018年度，未改所属轮次"
	if resp.StatusCode != 200 || !strings.Contains(text, want) || strings.Contains(text, "未能修改") {
		t.Errorf("bulk round change of 2018's list: %d %.600s, want %q and nothing failed", resp.StatusCode, text, want)
	}
	for id, round := range map[string]string{summary.ID: "2019", policy.ID: "2017"} {
		d, err := s.env.Catalog.Document(ctx, id)
		if err != nil || d.Round != round || d.DocNumber != "杭教〔2018〕7号" {
			t.Errorf("%s after the change: %+v %v, want round %s and the 文号", id, d, err, round)
		}
	}
}
