package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestValuesPageGivesValuesAsTheReportDoes: 审核定量指标数值 shows a value
// and the previous round's as their coordinator wrote them (12.3万人), in
// English in English form with the unit's English words, as the report's
// English DOCX does (catalog.Value.WrittenIn): 130,000 people.
func TestValuesPageGivesValuesAsTheReportDoes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "xuefen.txt", "2017年存入学分银行的社会培训成果12.3万人；2018年达13万人。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	for round, v := range map[int][2]string{2017: {"12.3万", "存入学分银行的社会培训成果12.3万人"}, 2018: {"13万", "2018年达13万人"}} {
		if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: round, Indicator: "2.3.3", Value: values.Written(v[0]), Unit: "人",
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: v[1]}}); err != nil {
			t.Fatalf("record %d: %v", round, err)
		}
	}
	for _, tt := range []struct {
		lang    string
		want    []string
		wantNot string
	}{
		{"zh", []string{"13万人", "\uFF08上一轮 2017年度\uFF1A12.3万人\uFF0C待审核\uFF09"}, "(people)"},
		{"en", []string{"130,000 people", "(round 2017: 123,000 people, Pending)"}, "13万人 (people)"},
	} {
		li := s.login("li")
		if tt.lang == "en" {
			li.english()
		}
		_, page := li.get("/values?city=330100&round=2018")
		text := textOf(page)
		for _, want := range tt.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s values page lacks %q: %.2000s", tt.lang, want, text)
			}
		}
		if strings.Contains(text, tt.wantNot) {
			t.Errorf("%s values page says %q: %.2000s", tt.lang, tt.wantNot, text)
		}
		// /compare gives the values as the values page does.
		_, page = li.get("/compare?city=330100&rounds=2017,2018")
		row := textOf(regexp.MustCompile(`(?s)<tr data-code="2\.3\.3">.*?</tr>`).FindString(page))
		want := map[string][]string{"zh": {"12.3万", "13万"}, "en": {"123,000 people", "130,000 people"}}[tt.lang]
		for _, w := range want {
			if !strings.Contains(row, w) || (tt.lang == "en" && strings.Contains(row, "万")) {
				t.Errorf("%s /compare row 2.3.3: %q, want %q and no 万 in English", tt.lang, row, w)
			}
		}
	}
}
