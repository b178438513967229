package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestIndicatorPageSaysARoughPercentage: a rate typed against a quote
// that writes it roughly is shown on the indicator's page as found within
// that rough number (32% in 百分之三十多, with the 约数 note), and one outside
// it as not found (45% in 三成多); a rate written exactly (百分之二十八) is
// found with no note.
func TestIndicatorPageSaysARoughPercentage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("chen", "coordinator", "510100")
	record := func(round int, city, coord, text, value, quote string) {
		t.Helper()
		d := s.env.Upload(city, "学习型社区创建情况.txt", text)
		if _, err := s.env.Values.Record(ctx, &catalog.User{Username: coord, Role: catalog.RoleCoordinator, City: city},
			values.Input{Round: round, Indicator: "4.1.2", Value: values.Written(value),
				Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}}); err != nil {
			t.Fatal(err)
		}
	}
	record(2017, "330100", "wang", "全市学习型社区创建达标比例达百分之三十多，位居全省前列。", "32%", "学习型社区创建达标比例达百分之三十多")
	record(2017, "510100", "chen", "全市三成多的社区达到学习型社区创建标准。", "45%", "三成多的社区达到学习型社区创建标准")
	record(2018, "330100", "wang", "2018年全市学习型社区创建达标比例为百分之二十八。", "28%", "学习型社区创建达标比例为百分之二十八")
	zhou := s.login("zhou")
	valueOf := func(round, city string) string {
		t.Helper()
		_, page := zhou.get("/indicators/4.1.2?round=" + round)
		part := regexp.MustCompile(`(?s)<li data-city="` + city + `">.*?</li>`).FindString(page)
		if part == "" {
			t.Fatalf("4.1.2's page of %s lists no value of %s: %q", round, city, textOf(page))
		}
		return html.UnescapeString(part)
	}
	const rough = "该数值在引文中的约数“百分之三十多”范围内，请以统计台账等确切数字核对"
	if part := valueOf("2017", "330100"); !strings.Contains(part, rough) || strings.Contains(part, "value-note") {
		t.Errorf("4.1.2's page, 杭州's 32%% in 百分之三十多 lacks %q: %q", rough, textOf(part))
	}
	if part := valueOf("2017", "510100"); !strings.Contains(part, "引文中未找到该数值，请核对") || strings.Contains(part, "value-rough") {
		t.Errorf("4.1.2's page, 成都's 45%% cited from 三成多 is not said to be not found: %q", textOf(part))
	}
	if part := valueOf("2018", "330100"); strings.Contains(part, "value-rough") || strings.Contains(part, "value-note") {
		t.Errorf("4.1.2's page of 2018, 杭州's 28%% in 百分之二十八 is said rough or not found: %q", textOf(part))
	}
}
