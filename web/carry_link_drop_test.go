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

// TestConfirmedLinkCanStillBeDroppedFromTheRound: a 2017 document's link
// used in 2018 (已确认沿用) keeps its 本轮不用 button on 结转事项核对, and
// pressing it takes the link out of 2018 while 2017 keeps it.
func TestConfirmedLinkCanStillBeDroppedFromTheRound(t *testing.T) {
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
	if m == nil || !strings.Contains(page, `action="/carryovers/`+m[1]+`"`) {
		t.Fatalf("结转事项核对 of 2018 offers no 本轮不用 for the confirmed link: %.3000s", textOf(page))
	}
	resp, _ := wang.post("/carryovers/"+m[1], url.Values{"action": {"drop"}})
	if resp.StatusCode != 200 {
		t.Fatalf("dropping the confirmed link from 2018: %d", resp.StatusCode)
	}
	for round, want := range map[int]int{2018: 0, 2017: 1} {
		docs, err := s.env.Catalog.RoundLinkedDocuments(ctx, "330100", round)
		if err != nil || len(docs["2.3.2"]) != want {
			t.Errorf("2.3.2 in %d after dropping it from 2018: %v %v, want %d documents", round, docs["2.3.2"], err, want)
		}
	}
}
