package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestReviewerSeesTheWarningTheCoordinatorWasGiven: years of schooling
// over 30 are saved with a warning to the coordinator; the reviewer who
// verifies the number on /values reads the same warning beside it, in
// the page's language, and an ordinary value has none.
func TestReviewerSeesTheWarningTheCoordinatorWasGiven(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "成人学习调查.txt", "2018年抽样调查：人均受教育年限为10.8年，认定市民终身学习基地123个。")
	odd, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "5.2.1", Value: "108", Unit: "年",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "人均受教育年限为10.8年"}})
	if err != nil || len(odd.Warnings) != 1 {
		t.Fatalf("record 108 years: %v with warnings %v, want one warning", err, odd.Warnings)
	}
	plain, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}})
	if err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, body := li.get("/values?city=330100&round=")
	row := func(body, id string) string {
		_, after, _ := strings.Cut(body, `id="value-`+id+`"`)
		card, _, _ := strings.Cut(after, "</article>")
		return card
	}
	want := "请核对\uFF1A指标 5.2.1 人均受教育年限 的数值 108 年超过 30 年\uFF0C很少见"
	if card := row(body, odd.ID); !strings.Contains(card, `class="value-warning"`) || !strings.Contains(textOf(card), want) {
		t.Errorf("the reviewer's row of 108 years lacks the warning %q: %.1200s", want, textOf(card))
	}
	if card := row(body, plain.ID); card == "" || strings.Contains(card, "value-warning") {
		t.Errorf("the row of 123 bases: %.800s, want it shown without a warning", textOf(card))
	}
	li.get("/lang?to=en&next=/")
	_, body = li.get("/values?city=330100&round=")
	if card := row(body, odd.ID); !strings.Contains(textOf(card), "Check: ") || !strings.Contains(textOf(card), "Mean years of schooling") {
		t.Errorf("the English page's row of 108 years lacks the warning in English: %.1200s", textOf(card))
	}
}
