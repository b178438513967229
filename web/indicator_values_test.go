package web

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestIndicatorPageShowsValuesWithVerdicts: a quantitative indicator's
// page of a round lists each city's value (数值) with its unit, its cited
// document and page, the reviewer's verdict and reason (证据不足 and
// why), as it lists claims; 杭州's coordinator sees 杭州's value only, an
// expert both cities', and the English page says the same in English.
func TestIndicatorPageShowsValuesWithVerdicts(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("chen", "coordinator", "510100")
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	record := func(u *catalog.User, city, text, value, quote, verdict, reason string) (*catalog.Document, *catalog.Value) {
		t.Helper()
		d := s.env.Upload(city, "学分银行统计.txt", text)
		v, err := s.env.Values.Record(ctx, u, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written(value), Unit: "人",
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Values.Review(ctx, li, v.ID, verdict, reason); err != nil {
			t.Fatal(err)
		}
		return d, v
	}
	hz, _ := record(&catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}, "330100",
		"2017年存入学分银行的社会培训成果12.3万人。", "12.3万", "存入学分银行的社会培训成果12.3万人", "insufficient", "请补充学分银行系统导出的统计表")
	record(&catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: "510100"}, "510100",
		"2017年成都市存入学分银行的社会培训成果5万人。", "5万", "存入学分银行的社会培训成果5万人", "verified", "")
	valuesOf := func(b *browser, path string) string {
		t.Helper()
		_, page := b.get(path)
		return html.UnescapeString(regexp.MustCompile(`(?s)<section class="card values".*?</section>`).FindString(page))
	}
	wang := s.login("wang")
	part := valuesOf(wang, "/indicators/2.3.3?round=2017")
	for _, want := range []string{"2017年度数值", "杭州", "12.3万人", `class="badge insufficient">证据不足`,
		"审核意见\uFF1A请补充学分银行系统导出的统计表", `href="/documents/` + hz.ID + `?page=1"`, "第 1 页"} {
		if !strings.Contains(part, want) {
			t.Errorf("杭州's coordinator on /indicators/2.3.3?round=2017: values lack %q: %q", want, part)
		}
	}
	if strings.Contains(part, "5万人") || strings.Contains(part, "成都") {
		t.Errorf("杭州's coordinator sees 成都's value: %q", part)
	}
	if part := valuesOf(wang, "/indicators/2.3.3?round=2017&city=510100"); strings.Contains(part, "5万人") {
		t.Errorf("杭州's coordinator asking for 成都 sees its value: %q", part)
	}
	zhou := s.login("zhou")
	part = valuesOf(zhou, "/indicators/2.3.3?round=2017")
	for _, want := range []string{"12.3万人", "证据不足", "5万人", `class="badge verified">属实`} {
		if !strings.Contains(part, want) {
			t.Errorf("the expert's /indicators/2.3.3?round=2017: values lack %q: %q", want, part)
		}
	}
	if part := valuesOf(zhou, "/indicators/2.3.3?round=2018"); !strings.Contains(part, "2018年度尚未填报数值") || strings.Contains(part, "12.3万") {
		t.Errorf("round 2018 has no value, yet its page shows: %q", part)
	}
	wang.english()
	part = valuesOf(wang, "/indicators/2.3.3?round=2017")
	for _, want := range []string{"Values of round 2017", "123,000 people", "Insufficient", "Reviewer's reason: 请补充学分银行系统导出的统计表"} {
		if !strings.Contains(part, want) {
			t.Errorf("the English page's values lack %q: %q", want, part)
		}
	}
}

// TestIndicatorPageNotesValuesAsValuesDoes: 2.3.3's page says beside a
// value what /values says. 杭州's 2017 value, 12500万人 citing
// “…人数达到12,500人”, is 单位不符. 成都's 2017 value, 8万 citing a
// passage that says 5万, is 引文中未找到该数值, and a reviewer finds it
// 与证据矛盾; carried into 2018 it is 待确认 there, marked 上一轮（2017
// 年度）：与证据矛盾 (in English too), and once its cited document is
// deleted, the source says so and links to no document page.
func TestIndicatorPageNotesValuesAsValuesDoes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("chen", "coordinator", "510100")
	record := func(city, coord, text, value, unit, quote string) (*catalog.Document, *catalog.Value) {
		t.Helper()
		d := s.env.Upload(city, "学分银行统计.txt", text)
		v, err := s.env.Values.Record(ctx, &catalog.User{Username: coord, Role: catalog.RoleCoordinator, City: city},
			values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written(value), Unit: unit,
				Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatal(err)
		}
		return d, v
	}
	record("330100", "wang", "截至2017年底，存入学分银行的社会培训成果人数达到12,500人。", "12500", "万人", "存入学分银行的社会培训成果人数达到12,500人")
	cdDoc, cd := record("510100", "chen", "2017年成都市存入学分银行的社会培训成果5万人。", "8万", "人", "存入学分银行的社会培训成果5万人")
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if _, err := s.env.Values.Review(ctx, li, cd.ID, "contradicted", "原文是5万人，不是8万人"); err != nil {
		t.Fatal(err)
	}
	zhou := s.login("zhou")
	valuesOf := func(path, city string) string {
		t.Helper()
		_, page := zhou.get(path)
		part := regexp.MustCompile(`(?s)<li data-city="` + city + `">.*?</li>`).FindString(page)
		if part == "" {
			t.Fatalf("%s lists no value of %s: %q", path, city, textOf(page))
		}
		return html.UnescapeString(part)
	}
	for city, want := range map[string]string{
		"330100": "单位不符：原文中该数字的单位是“人”，填报的是“12500万人”（即 125000000人）；请核对数值或原文",
		"510100": "引文中未找到该数值，请核对",
	} {
		if part := valuesOf("/indicators/2.3.3?round=2017", city); !strings.Contains(part, want) {
			t.Errorf("2.3.3's page of 2017, %s's value lacks %q: %q", city, want, textOf(part))
		}
	}
	if _, err := s.env.Values.CarryOver(ctx, testenv.Admin, "510100", 2018); err != nil {
		t.Fatal(err)
	}
	part := valuesOf("/indicators/2.3.3?round=2018", "510100")
	for _, want := range []string{`class="badge toconfirm">待确认`, "上一轮（2017年度）：与证据矛盾", `href="/documents/` + cdDoc.ID} {
		if !strings.Contains(part, want) {
			t.Errorf("2.3.3's page of 2018, 成都's carried value lacks %q: %q", want, part)
		}
	}
	zhou.english()
	if part := valuesOf("/indicators/2.3.3?round=2018", "510100"); !strings.Contains(textOf(part), "Round 2017 (the last): contradicted by evidence") {
		t.Errorf("English page of 2018, 成都's carried value: %q", textOf(part))
	}
	if _, err := s.env.Documents.Delete(ctx, testenv.Admin, cdDoc.ID); err != nil {
		t.Fatal(err)
	}
	part = valuesOf("/indicators/2.3.3?round=2018", "510100")
	if !strings.Contains(part, "document deleted; the original is still available by SHA-256") || strings.Contains(part, `href="/documents/`+cdDoc.ID) {
		t.Errorf("2.3.3's English page of 2018 after 成都's cited document was deleted: %q", part)
	}
}

// TestIndicatorPageSaysARoughNumber: a value found only within a rough
// number of its quote (12万 in 十多万人) is said to be so on the
// indicator's page, as /values and the report say it; a value the quote
// writes exactly (5万 in 5万人) is not.
func TestIndicatorPageSaysARoughNumber(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("chen", "coordinator", "510100")
	recordCityValue(t, s, 2017, "330100", "wang", "2.3.3", "全年存入学分银行的社会培训成果达十多万人。", "12万", "存入学分银行的社会培训成果达十多万人")
	recordCityValue(t, s, 2017, "510100", "chen", "2.3.3", "2017年成都市存入学分银行的社会培训成果5万人。", "5万", "存入学分银行的社会培训成果5万人")
	zhou := s.login("zhou")
	const rough = "该数值在引文中的约数“十多万”范围内，请以统计台账等确切数字核对"
	if part := indicatorValueOf(t, zhou, "2.3.3", 2017, "330100"); !strings.Contains(part, rough) || !strings.Contains(part, `class="muted value-rough"`) {
		t.Errorf("2.3.3's page, 杭州's 12万 in 十多万人 lacks %q: %q", rough, textOf(part))
	}
	if part := indicatorValueOf(t, zhou, "2.3.3", 2017, "510100"); strings.Contains(part, "value-rough") {
		t.Errorf("2.3.3's page, 成都's 5万 in 5万人 is said to be in a rough number: %q", textOf(part))
	}
	zhou.english()
	if part := textOf(indicatorValueOf(t, zhou, "2.3.3", 2017, "330100")); !strings.Contains(part, "The number lies within “十多万”, a rough number in the quoted passage") {
		t.Errorf("2.3.3's English page, 杭州's 12万 in 十多万人: %q", part)
	}
}

// TestIndicatorPageSaysSpacedDigits: a value found in digits parted by a
// space (1 200人: 1200, or 1 and 200 in a table row) has the indicator's
// page name both readings, as the card and the report do.
func TestIndicatorPageSaysSpacedDigits(t *testing.T) {
	s := newSite(t)
	recordCityValue(t, s, 2017, "330100", "wang", "2.3.3", "老年大学新招学员1 200人。", "1200", "老年大学新招学员1 200人")
	zhou := s.login("zhou")
	const note = "引文中的“1 200”可能是千位以空格分组的1200，也可能是表格中相邻的1和200；请核对"
	if part := indicatorValueOf(t, zhou, "2.3.3", 2017, "330100"); !strings.Contains(part, note) {
		t.Errorf("2.3.3's page, 1200 in 1 200人 lacks %q: %q", note, textOf(part))
	}
}

// TestIndicatorPageSaysARoughPercentage: a rate typed against a quote
// that writes it roughly is shown on the indicator's page as found within
// that rough number (32% in 百分之三十多, with the 约数 note), and one outside
// it as not found (45% in 三成多); a rate written exactly (百分之二十八) is
// found with no note.
func TestIndicatorPageSaysARoughPercentage(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("chen", "coordinator", "510100")
	recordCityValue(t, s, 2017, "330100", "wang", "4.1.2", "全市学习型社区创建达标比例达百分之三十多，位居全省前列。", "32%", "学习型社区创建达标比例达百分之三十多")
	recordCityValue(t, s, 2017, "510100", "chen", "4.1.2", "全市三成多的社区达到学习型社区创建标准。", "45%", "三成多的社区达到学习型社区创建标准")
	recordCityValue(t, s, 2018, "330100", "wang", "4.1.2", "2018年全市学习型社区创建达标比例为百分之二十八。", "28%", "学习型社区创建达标比例为百分之二十八")
	zhou := s.login("zhou")
	const rough = "该数值在引文中的约数“百分之三十多”范围内，请以统计台账等确切数字核对"
	if part := indicatorValueOf(t, zhou, "4.1.2", 2017, "330100"); !strings.Contains(part, rough) || strings.Contains(part, "value-note") {
		t.Errorf("4.1.2's page, 杭州's 32%% in 百分之三十多 lacks %q: %q", rough, textOf(part))
	}
	if part := indicatorValueOf(t, zhou, "4.1.2", 2017, "510100"); !strings.Contains(part, "引文中未找到该数值，请核对") || strings.Contains(part, "value-rough") {
		t.Errorf("4.1.2's page, 成都's 45%% cited from 三成多 is not said to be not found: %q", textOf(part))
	}
	if part := indicatorValueOf(t, zhou, "4.1.2", 2018, "330100"); strings.Contains(part, "value-rough") || strings.Contains(part, "value-note") {
		t.Errorf("4.1.2's page of 2018, 杭州's 28%% in 百分之二十八 is said rough or not found: %q", textOf(part))
	}
}

// recordCityValue uploads text for city and records value for indicator
// in round as coordinator coord, citing quote on its first page.
func recordCityValue(t *testing.T, s *site, round int, city, coord, indicator, text, value, quote string) {
	t.Helper()
	d := s.env.Upload(city, "学分银行统计.txt", text)
	if _, err := s.env.Values.Record(context.Background(), &catalog.User{Username: coord, Role: catalog.RoleCoordinator, City: city},
		values.Input{Round: round, Indicator: indicator, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}}); err != nil {
		t.Fatal(err)
	}
}

// indicatorValueOf is city's value on indicator's page of round as b
// sees it, its HTML unescaped.
func indicatorValueOf(t *testing.T, b *browser, indicator string, round int, city string) string {
	t.Helper()
	_, page := b.get(fmt.Sprintf("/indicators/%s?round=%d", indicator, round))
	part := regexp.MustCompile(`(?s)<li data-city="` + city + `">.*?</li>`).FindString(page)
	if part == "" {
		t.Fatalf("%s's page of %d lists no value of %s: %q", indicator, round, city, textOf(page))
	}
	return html.UnescapeString(part)
}
