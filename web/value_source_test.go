package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestValuesPageNamesADeletedSource: a value whose cited document was
// deleted shows the document's title marked deleted, with its original
// reachable by SHA-256, never a bare ID linking to an error page.
func TestValuesPageNamesADeletedSource(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "统计公报.txt", "杭州市2017年终身学习统计:认定市民终身学习基地123个。")
	v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatal(err)
	}
	_, body := s.login("li").get("/values?round=")
	i := strings.Index(body, `id="value-`+v.ID+`"`)
	if i < 0 {
		t.Fatalf("the value is not listed: %.1500s", textOf(body))
	}
	card := body[i:]
	card = card[:strings.Index(card, "</article>")]
	for _, want := range []string{d.Title, "文档已删除\uFF0C原件仍可按 SHA-256 查看", `href="/api/v1/originals/` + d.SHA256 + `"`} {
		if !strings.Contains(card, want) {
			t.Errorf("the value citing a deleted document lacks %q: %s", want, textOf(card))
		}
	}
	if strings.Contains(card, `href="/documents/`+d.ID) {
		t.Errorf("the value links to its deleted document's page: %s", card)
	}
}
