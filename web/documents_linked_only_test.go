package web

import (
	"context"
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
