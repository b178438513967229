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

// carriedLink is a 2017 document's link to 2.3.2 used in 2018 as well
// (已确认沿用), and the coordinator wang on 结转事项核对 of 2018.
type carriedLink struct {
	s    *site
	doc  *catalog.Document
	wang *browser
	id   string // the link's row on 结转事项核对
	page string // 结转事项核对 of 2018 as wang first sees it
}

// newCarriedLink sets up a carriedLink; it fails the test when the page
// lists no confirmed link.
func newCarriedLink(t *testing.T) *carriedLink {
	t.Helper()
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡,建立个人学习档案。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2"}, 2018); err != nil {
		t.Fatal(err)
	}
	c := &carriedLink{s: s, doc: doc, wang: s.login("wang")}
	_, c.page = c.wang.get("/carryovers?city=330100&round=2018")
	m := regexp.MustCompile(`<tr data-id="([^"]+)" data-state="confirmed">`).FindStringSubmatch(c.page)
	if m == nil {
		t.Fatalf("结转事项核对 of 2018 lists no confirmed link: %.2000s", textOf(c.page))
	}
	c.id = m[1]
	return c
}

// press presses the row's button for action (drop, restore) and returns
// the answer, failing the test unless it is 200.
func (c *carriedLink) press(t *testing.T, action string) string {
	t.Helper()
	resp, body := c.wang.post("/carryovers/"+c.id, url.Values{"action": {action}})
	if resp.StatusCode != 200 {
		t.Fatalf("%s the link in 2018: %d %.600s", action, resp.StatusCode, textOf(body))
	}
	return body
}

// row is the link's row on 结转事项核对 of 2018 as it is now.
func (c *carriedLink) row(t *testing.T) string {
	t.Helper()
	_, page := c.wang.get("/carryovers?city=330100&round=2018")
	i := strings.Index(page, `<tr data-id="`+c.id+`"`)
	if i < 0 {
		t.Fatalf("row %s not listed: %.1500s", c.id, textOf(page))
	}
	r := page[i:]
	return r[:strings.Index(r, "</tr>")]
}

// linkedIn is how many documents 2.3.2 has in round.
func (c *carriedLink) linkedIn(t *testing.T, round int) int {
	t.Helper()
	docs, err := c.s.env.Catalog.RoundLinkedDocuments(context.Background(), "330100", round)
	if err != nil {
		t.Fatalf("documents linked in %d: %v", round, err)
	}
	return len(docs["2.3.2"])
}

// TestConfirmedLinkCanStillBeDroppedFromTheRound: a 2017 document's link
// used in 2018 (已确认沿用) keeps its 本轮不用 button on 结转事项核对, and
// pressing it takes the link out of 2018 while 2017 keeps it.
func TestConfirmedLinkCanStillBeDroppedFromTheRound(t *testing.T) {
	c := newCarriedLink(t)
	if !strings.Contains(c.page, `action="/carryovers/`+c.id+`"`) {
		t.Fatalf("结转事项核对 of 2018 offers no 本轮不用 for the confirmed link: %.3000s", textOf(c.page))
	}
	c.press(t, "drop")
	for round, want := range map[int]int{2018: 0, 2017: 1} {
		if got := c.linkedIn(t, round); got != want {
			t.Errorf("2.3.2 in %d after dropping it from 2018: %d documents, want %d", round, got, want)
		}
	}
}

// TestDroppedLinkCanBePutBackIntoTheRound: the coordinator presses 本轮不用
// on a link used in 2018 by mistake; the row, now 本轮不再使用, offers
// 重新计入本轮, which puts the link back into 2018 and says so.
func TestDroppedLinkCanBePutBackIntoTheRound(t *testing.T) {
	c := newCarriedLink(t)
	c.press(t, "drop")
	if row := c.row(t); !strings.Contains(row, `value="restore"`) || !strings.Contains(row, "重新计入本轮") {
		t.Fatalf("the dropped link's row offers no 重新计入本轮: %s", textOf(row))
	}
	if body := c.press(t, "restore"); !strings.Contains(textOf(body), "这条关联已重新计入 2018年度") {
		t.Fatalf("putting the link back: %.600s", textOf(body))
	}
	if got := c.linkedIn(t, 2018); got != 1 {
		t.Errorf("2.3.2 in 2018 after putting it back: %d documents, want 1", got)
	}
}

// TestDeletedDocumentsDroppedLinkOffersNoRestore: a link dropped from 2018
// whose document was deleted since cannot count there again: its row on
// 结转事项核对 offers no 重新计入本轮.
func TestDeletedDocumentsDroppedLinkOffersNoRestore(t *testing.T) {
	c := newCarriedLink(t)
	c.press(t, "drop")
	if !strings.Contains(c.row(t), `value="restore"`) {
		t.Fatalf("a dropped link of a live document offers no 重新计入本轮: %s", c.row(t))
	}
	if _, err := c.s.env.Documents.Delete(context.Background(), testenv.Admin, c.doc.ID); err != nil {
		t.Fatal(err)
	}
	if r := c.row(t); strings.Contains(r, `value="restore"`) {
		t.Errorf("a deleted document's dropped link offers 重新计入本轮: %s", r)
	}
}
