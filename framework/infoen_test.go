package framework

import (
	"strings"
	"testing"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// Every key indicator of the demo framework says in English what
// evidence it wants, so English pages need not show 信息性质说明 in
// Chinese.
func TestDemoInfoHasEnglish(t *testing.T) {
	p, err := Parse("demo-learning-city.yaml", Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range p.Indicators {
		if ind.Info == "" {
			continue
		}
		if ind.InfoEN == "" || strings.ContainsFunc(ind.InfoEN, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%s: info %q has info_en %q, want an English one", ind.Code, ind.Info, ind.InfoEN)
		}
		if ind.Code == "2.3.1" && ind.InfoEN != "Policy documents, pilot plans, typical cases" {
			t.Errorf("2.3.1: info_en %q", ind.InfoEN)
		}
	}
}

// A table with an English 信息性质说明 column (Chinese heading
// 英文信息性质说明) keeps it through every export and its import, and a
// row without one stays without one.
func TestTableInfoENRoundTrips(t *testing.T) {
	csv := "\ufeff指标编码,指标名称,英文名称,类型,信息性质说明,英文信息性质说明,单位,关键词\n" +
		"2,终身学习体系建设,Lifelong-learning system,,,,,\n" +
		"2.3,学分银行,Credit bank,,,,,\n" +
		"2.3.1,建立学分银行制度,Credit bank,定性,制度文件、试点方案,\"Policy documents, pilot plans\",,学分银行\n" +
		"2.3.2,学分银行存档人数,People with records,定量,学分银行系统统计,,人,学分银行\n"
	p, err := Parse("指标体系.csv", []byte(csv), catalog.Framework{Name: "测试指标体系"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.1": "Policy documents, pilot plans", "2.3.2": ""}
	check := func(name string, inds []catalog.Indicator) {
		t.Helper()
		got := map[string]string{}
		for _, ind := range inds {
			if ind.Level == catalog.KeyLevel {
				got[ind.Code] = ind.InfoEN
			}
		}
		if len(got) != len(want) || got["2.3.1"] != want["2.3.1"] || got["2.3.2"] != want["2.3.2"] {
			t.Errorf("%s: info_en %q, want %q", name, got, want)
		}
	}
	check("指标体系.csv", p.Indicators)
	exported := exportAll(t, p, "导出")
	if c := string(exported["导出.csv"]); !strings.Contains(c, ",info,info_en,") {
		t.Errorf("exported CSV heading: %q", strings.SplitN(c, "\n", 2)[0])
	}
	for name, data := range exported {
		q, err := Parse(name, data, p.Framework)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		check(name, q.Indicators)
	}
}
