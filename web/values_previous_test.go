package web

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestPreviousValueShowsItsUnitAndState: on 审核定量指标数值 the previous
// round's value is shown with its unit and review status, and when it
// was counted in another unit or a review contradicted it, the page says
// it is not compared.
func TestPreviousValueShowsItsUnitAndState(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if s.env.DBPath == "" {
		t.Skip("the unit change is written with SQL on the SQLite catalog")
	}
	d := s.env.Upload("330100", "xuefen.txt", "2017年存入学分银行的社会培训成果12.3万人；2018年达13万人；市民年参与学习活动1234.5万人次，2018年1300万人次。")
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	record := func(round int, code, value, quote string) string {
		t.Helper()
		v, err := s.env.Values.Record(ctx, coord, values.Input{Round: round, Indicator: code, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s %d: %v", code, round, err)
		}
		return v.ID
	}
	old := record(2017, "2.3.3", "12.3万", "存入学分银行的社会培训成果12.3万人")
	record(2018, "2.3.3", "13万", "2018年达13万人")
	wrong := record(2017, "3.1.3", "1234.5", "市民年参与学习活动1234.5万人次")
	record(2018, "3.1.3", "1300", "2018年1300万人次")
	db, err := sql.Open("sqlite", "file:"+s.env.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE value SET unit = '万人次', number = 12.3, given = '12.3' WHERE id = ?`, old); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Review(ctx, testenv.Admin, wrong, "contradicted", "原文为全市人口"); err != nil {
		t.Fatal(err)
	}
	_, page := s.login("li").get("/values?city=330100&round=2018")
	text := textOf(page)
	for _, want := range []string{"（上一轮 2017年度：12.3万人次，待审核；与本轮单位 人 不同，不作比较）",
		"（上一轮 2017年度：1234.5万人次，与证据矛盾；不作比较）"} {
		if !strings.Contains(text, want) {
			t.Errorf("the values of 2018 lack %q: %.3000s", want, text)
		}
	}
}
