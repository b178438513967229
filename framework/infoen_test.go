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
		if ind.Code == "2.3.1" && ind.InfoEN != "Policy documents, pilot plans and case examples" {
			t.Errorf("2.3.1: info_en %q", ind.InfoEN)
		}
	}
}

// A table with an English 信息性质说明 column (Chinese heading
// 英文信息性质说明, testdata/info-en.csv) keeps it through every export
// and its import, and a row without one stays without one.
func TestTableInfoENRoundTrips(t *testing.T) {
	p, err := Parse("info-en.csv", read(t, "info-en.csv"), catalog.Framework{Name: "测试指标体系"})
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
	check("info-en.csv", p.Indicators)
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
