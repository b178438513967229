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

// TestDroppedLinkCanBePutBackIntoTheRound: the coordinator presses 本轮不用
// on a link used in 2018 by mistake; the row, now 本轮不再使用, offers
// 重新计入本轮, which puts the link back into 2018 and says so.
func TestDroppedLinkCanBePutBackIntoTheRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡,建立个人学习档案。")
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
		t.Fatalf("结转事项核对 of 2018 lists no confirmed link: %.2000s", textOf(page))
	}
	if resp, _ := wang.post("/carryovers/"+m[1], url.Values{"action": {"drop"}}); resp.StatusCode != 200 {
		t.Fatalf("dropping the link from 2018: %d", resp.StatusCode)
	}
	_, page = wang.get("/carryovers?city=330100&round=2018")
	row := page[strings.Index(page, `<tr data-id="`+m[1]+`"`):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, `value="restore"`) || !strings.Contains(row, "重新计入本轮") {
		t.Fatalf("the dropped link's row offers no 重新计入本轮: %s", textOf(row))
	}
	resp, body := wang.post("/carryovers/"+m[1], url.Values{"action": {"restore"}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "这条关联已重新计入 2018 年度") {
		t.Fatalf("putting the link back: %d %.600s", resp.StatusCode, textOf(body))
	}
	docs, err := s.env.Catalog.RoundLinkedDocuments(ctx, "330100", 2018)
	if err != nil || len(docs["2.3.2"]) != 1 {
		t.Errorf("2.3.2 in 2018 after putting it back: %v %v, want 1 document", docs["2.3.2"], err)
	}
}
