package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestCarryOverValuesInEnglishNumbers: a value of 1.56万人 carried into
// 2018 reads 1.56万人 on the Chinese /carryovers and 15,600 people on the
// English one, as the English report writes it; the probe's English page
// showed 1.56万人.
func TestCarryOverValuesInEnglishNumbers(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "xuefen.txt", "存入学分银行的社会培训成果1.56万人。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("1.56万"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "存入学分银行的社会培训成果1.56万人"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	if _, body := wang.get("/carryovers?city=330100&round=2018"); !strings.Contains(html.UnescapeString(body), ">1.56万人</a>") {
		t.Errorf("Chinese /carryovers: want the value as 1.56万人: %.2000s", textOf(body))
	}
	wang.english()
	_, body := wang.get("/carryovers?city=330100&round=2018")
	if got := html.UnescapeString(body); !strings.Contains(got, ">15,600 people</a>") || strings.Contains(got, "1.56万") {
		t.Errorf("English /carryovers: want the value as 15,600 people and no 1.56万: %.2000s", textOf(body))
	}
}
