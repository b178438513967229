package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A link dropped from 2018 whose document was deleted since cannot count
// there again: its row on 结转事项核对 offers no 重新计入本轮.
func TestDeletedDocumentsDroppedLinkOffersNoRestore(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡，建立个人学习档案。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}, 2018); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, page := wang.get("/carryovers?city=330100&round=2018")
	m := regexp.MustCompile(`<tr data-id="([^"]+)" data-state="confirmed">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no confirmed link: %.1500s", textOf(page))
	}
	wang.post("/carryovers/"+m[1], url.Values{"action": {"drop"}})
	row := func() string {
		_, page := wang.get("/carryovers?city=330100&round=2018")
		i := strings.Index(page, `<tr data-id="`+m[1]+`"`)
		if i < 0 {
			t.Fatalf("row %s not listed: %.1500s", m[1], textOf(page))
		}
		r := page[i:]
		return r[:strings.Index(r, "</tr>")]
	}
	if !strings.Contains(row(), `value="restore"`) {
		t.Fatalf("a dropped link of a live document offers no 重新计入本轮: %s", row())
	}
	if _, err := s.env.Documents.Delete(ctx, testenv.Admin, doc.ID); err != nil {
		t.Fatal(err)
	}
	if r := row(); strings.Contains(r, `value="restore"`) {
		t.Errorf("a deleted document's dropped link offers 重新计入本轮: %s", r)
	}
}
