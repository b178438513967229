package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestValueHasAPageOfItsOwn: a value listed on /values opens on a page
// of its own (/values/{id}) giving its source, its quoted passage, its
// verdicts and its history — also after its source was deleted, when the
// source is named by its title and reached by its SHA-256 — in Chinese
// and in English. Before, a value had no page: only the API told its
// history.
func TestValueHasAPageOfItsOwn(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	d := s.env.Upload("330100", "tongji2017.txt", "2017年杭州市认定市民终身学习基地123个，市民参与学习活动123.4万人次。")
	v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written("123.4万"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "市民参与学习活动123.4万人次"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Review(ctx, admin, v.ID, "insufficient", "请补充统计口径说明"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, list := li.get("/values?city=330100&round=2017&status=insufficient")
	if !strings.Contains(list, `href="/values/`+v.ID+`"`) {
		t.Errorf("/values does not link to the value's page: %.2000s", textOf(list))
	}
	resp, page := li.get("/values/" + v.ID)
	text := textOf(page)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/values/%s: %d %.400s", v.ID, resp.StatusCode, text)
	}
	for _, want := range []string{"数值 3.1.3", "123.4万", "来源佐证材料", "tongji2017", "第 1 页", "引用原文", "市民参与学习活动123.4万人次",
		"审核记录", "证据不足", "请补充统计口径说明", "处理记录", "填报数值"} {
		if !strings.Contains(text, want) {
			t.Errorf("the value's page lacks %q: %.3000s", want, text)
		}
	}
	if !strings.Contains(page, `href="/documents/`+d.ID+`?page=1"`) {
		t.Errorf("the value's page does not link to its source document")
	}

	if _, err := s.env.Documents.Delete(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	_, page = li.get("/values/" + v.ID + "?lang=en")
	text = textOf(page)
	for _, want := range []string{"Source document", "tongji2017", "document deleted", "SHA-256", "Quoted passage", "Reviews", "History"} {
		if !strings.Contains(text, want) {
			t.Errorf("the English page of a value whose source was deleted lacks %q: %.3000s", want, text)
		}
	}
	if strings.Contains(page, `href="/documents/`+d.ID+`?page=1"`) {
		t.Errorf("the value's page links to its deleted source as if it were there")
	}

	resp, _ = li.get("/values/01ARZ3NDEKTSV4RRFFQ69G5FAV")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown value's page: %d, want 404", resp.StatusCode)
	}
}
