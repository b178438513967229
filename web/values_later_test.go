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

// TestValuesListWarnsOfASourceWrittenAfterTheRound: /values showed the
// number's warnings beside each value but not that its source was
// written after the round (a 2017 value citing a 2023 work summary), as
// the answer to recording it does. The reviewer's row says so, in the
// page's language; a value citing a document of its round does not.
func TestValuesListWarnsOfASourceWrittenAfterTheRound(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	later := s.env.Upload("330100", "杭州市2023年度社区教育工作总结.txt", "2017年成人年参与学习率达到85.3%。")
	within := s.env.Upload("330100", "杭州市2017年统计公报.txt", "认定市民终身学习基地123个。")
	for id, on := range map[string]string{later.ID: "2023-12-20", within.ID: "2017-12-20"} {
		if _, err := s.env.Documents.Edit(ctx, testenv.Admin, id, catalog.DocumentPatch{IssuedOn: &on}); err != nil {
			t.Fatal(err)
		}
	}
	odd, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "5.1.1", Value: "85.3%",
		Citation: claims.CitationInput{DocumentID: later.ID, Page: 1, Quote: "2017年成人年参与学习率达到85.3%"}})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: within.ID, Page: 1, Quote: "认定市民终身学习基地123个"}})
	if err != nil {
		t.Fatal(err)
	}
	row := func(body, id string) string {
		_, after, _ := strings.Cut(body, `id="value-`+id+`"`)
		card, _, _ := strings.Cut(after, "</article>")
		return card
	}
	li := s.login("li")
	for _, tt := range []struct{ lang, want string }{
		{"zh", "请核对\uFF1A出处《杭州市2023年度社区教育工作总结》成文于 2023-12-20\uFF0C晚于本轮\uFF082017年度\uFF09"},
		{"en", "Check: The source “杭州市2023年度社区教育工作总结” was issued on 2023-12-20, after this round (round 2017)"},
	} {
		if tt.lang == "en" {
			li.english()
		}
		_, body := li.get("/values?city=330100&round=2017")
		if card := row(body, odd.ID); !strings.Contains(card, `class="value-warning"`) || !strings.Contains(textOf(card), tt.want) {
			t.Errorf("%s: the row of 85.3%% citing the 2023 summary lacks %q: %.1200s", tt.lang, tt.want, textOf(card))
		}
		if card := row(body, plain.ID); card == "" || strings.Contains(card, "value-warning") {
			t.Errorf("%s: the row of 123 citing the 2017 bulletin: %.800s, want no warning", tt.lang, textOf(card))
		}
	}
}
