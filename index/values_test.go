package index

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestCountEndsAtUnit: a count with its unit is found only where the
// unit ends there: 12000人 counts people, 12000人次 person-times, 120户
// households and 120户次 visits to them, 1.2万 is not the start of
// 1.2万亿; the longer unit still finds itself, and the bare number both.
// 342场次 is 342场 (sessions): found by it.
func TestCountEndsAtUnit(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "people", Pages: []string{"全年参加社区教育培训12000人,走访120户,开展活动342场。"}},
		{ID: "times", Pages: []string{"全年参加社区教育培训12000人次,走访120户次,开展活动342场次。"}},
		{ID: "cntimes", Pages: []string{"老年大学全年服务一万二千人次。"}},
		{ID: "wantimes", Pages: []string{"线上学习平台访问1.2万人次。"}},
		{ID: "trillion", Pages: []string{"全市生产总值1.2万亿元。"}},
		{ID: "hours", Pages: []string{"开设课程12课,累计授课12课时。"}},
		{ID: "data", Pages: []string{"平台全年访问12000次数据库。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"12000人", []string{"people"}},
		{"1.2万人", []string{"people"}},
		{"一万二千人", []string{"people"}},
		{"培训12000人", []string{"people"}},
		{"12000人次", []string{"cntimes", "times", "wantimes"}},
		{"1.2万人次", []string{"cntimes", "times", "wantimes"}},
		{"120户", []string{"people"}},
		{"120户次", []string{"times"}},
		{"342场", []string{"people", "times"}},
		{"342场次", []string{"times"}},
		// A bare number is a value: every 12000, whatever its unit.
		{"1.2万", []string{"cntimes", "data", "people", "times", "wantimes"}},
		{"1.2万亿", []string{"trillion"}},
		{"12课", []string{"hours"}},
		{"12课时", []string{"hours"}},
		// 次 is the unit; 数据库 follows it.
		{"12000次", []string{"data"}},
		{"12000", []string{"cntimes", "data", "people", "times", "wantimes"}},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
	// Both in one document: found, and only the people marked.
	both := newIndexOf(t, []Document{{ID: "both", Pages: []string{"服务12000人次,其中培训12000人。"}}})
	res, err := both.Search(context.Background(), Query{Clauses: terms("12000人"), Size: 20, WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("search 12000人: %d hits, want 1", len(res.Hits))
	}
	h := res.Hits[0]
	if len(h.Spans) == 0 {
		t.Errorf("search 12000人: nothing marked")
	}
	for _, sp := range h.Spans {
		page := h.Pages[sp.Page-1]
		if sp.Start < strings.Index(page, "培训") {
			t.Errorf("search 12000人: marked %q at %d, in 12000人次", page[sp.Start:sp.End], sp.Start)
		}
	}
}

// TestBareNumberFindsValue: a bare number finds its value however a
// document writes it (12000, 12,000, 1.2万, 1.20万, 一万二千人), and the
// other way round, and never another value: 120 not 1200, 12000 not
// 1.2万亿 or 112000, 1.2万 not 12000万; a year is no value (2023 does not
// find 两千零二十三人).
func TestBareNumberFindsValue(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "plain", Pages: []string{"全年参加社区教育培训12000人次。"}},
		{ID: "grouped", Pages: []string{"全年投入经费12,000元。"}},
		{ID: "wan", Pages: []string{"线上学习1.2万人,比上年增长。"}},
		{ID: "wan0", Pages: []string{"线上学习平台注册1.20万个账户。"}},
		{ID: "cn", Pages: []string{"全年培训一万二千人。"}},
		{ID: "cnbare", Pages: []string{"全年参与人数达一万二千。"}},
		{ID: "trillion", Pages: []string{"全市生产总值1.2万亿元。"}},
		{ID: "wanwan", Pages: []string{"常住人口12000万人。"}},
		{ID: "longer", Pages: []string{"全市共有112000名学员。"}},
		{ID: "small", Pages: []string{"新建社区学校120所,教学点1200个。"}},
		{ID: "year", Pages: []string{"2023年全市参加培训两千零二十三人。"}},
		{ID: "code", Pages: []string{"通过ISO12000认证。"}},
		{ID: "twothousand", Pages: []string{"全区共2000人参加培训。"}},
		{ID: "rough", Pages: []string{"全年参与市民十多万人，投入300多万元。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		// As written, 12000 is also the number of the code ISO12000 and
		// the 12000 of 12000万; its value is in no other of them.
		{"12000", []string{"cn", "cnbare", "code", "grouped", "plain", "wan", "wan0", "wanwan"}},
		{"12,000", []string{"cn", "cnbare", "code", "grouped", "plain", "wan", "wan0", "wanwan"}},
		{"1.2万", []string{"cn", "cnbare", "grouped", "plain", "wan", "wan0"}},
		{"一万二千", []string{"cn", "cnbare", "grouped", "plain", "wan", "wan0"}},
		{"120", []string{"small"}},
		{"1200", []string{"small"}},
		{"112000", []string{"longer"}},
		{"11.2万", []string{"longer"}},
		{"1.2亿", []string{"wanwan"}},
		{"两千零二十三", []string{"year"}},
		{"2023", []string{"year"}},
		// Four digits before a unit are a count, no year: 2000人 is 两千
		// (as written, 两千 is also in 两千零二十三).
		{"两千", []string{"twothousand", "year"}},
		{"0.2万", []string{"twothousand"}},
		{"2千", []string{"twothousand"}},
		// A rough number holds no value: 十多万 is not 10 nor 10万, and
		// 300多万 not 300万.
		{"10", nil},
		{"10万", nil},
		{"300万", nil},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
	// 2023 finds the year, not the count: no hit marks 两千零二十三.
	res, err := idx.Search(context.Background(), Query{Clauses: terms("2023"), Size: 20, WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		for _, sp := range h.Spans {
			if got := h.Pages[sp.Page-1][sp.Start:sp.End]; got != "2023" {
				t.Errorf("search 2023: marked %q", got)
			}
		}
	}
}

// TestMatcherFindsValuesAndUnits: a page marks a bare number's value
// however it is written, and a count only where its unit ends.
func TestMatcherFindsValuesAndUnits(t *testing.T) {
	page := "培训12000人次,线上学习1.2万人,老年大学一万二千人,生产总值1.2万亿元,另有12,000元经费,全区2000人。"
	m, err := NewMatcher([]string{page})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"12000", []string{"12000", "1.2万", "一万二千", "12,000"}},
		{"1.2万", []string{"12000", "1.2万", "一万二千", "12,000"}},
		{"一万二千", []string{"12000", "1.2万", "一万二千", "12,000"}},
		{"12000人", []string{"1.2万人", "一万二千人"}},
		{"12000人次", []string{"12000人次"}},
		{"1.2万亿", []string{"1.2万亿"}},
		{"两千", []string{"2000"}},
		{"0.2万", []string{"2000"}},
	} {
		var got []string
		for _, sp := range m.Find(tt.q) {
			got = append(got, page[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Matcher.Find(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// checkSearch searches idx for q and checks that it finds the documents
// want (sorted) and marks a place in each.
func checkSearch(t *testing.T, idx *Bleve, q string, want []string) {
	t.Helper()
	res, err := idx.Search(context.Background(), Query{Clauses: terms(q), Size: 20, WithText: true})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if got := ids(res); !slices.Equal(got, want) {
		t.Errorf("search %q: got %v, want %v", q, got, want)
	}
	for _, h := range res.Hits {
		if len(h.Spans) == 0 {
			t.Errorf("search %q: hit %s has no highlight", q, h.ID)
		}
	}
}

// TestBareNumberSpansOnce: a bare number's value token and its pairs
// mark the same place; a hit lists it once.
func TestBareNumberSpansOnce(t *testing.T) {
	idx := newIndexOf(t, []Document{{ID: "plain", Pages: []string{"全年培训12000人,线上学习1.2万人。"}}})
	for _, q := range []string{"12000", "1.2万"} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(q), Size: 20, WithText: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 {
			t.Fatalf("search %q: %d hits, want 1", q, len(res.Hits))
		}
		spans := res.Hits[0].Spans
		for i := 1; i < len(spans); i++ {
			if spans[i] == spans[i-1] {
				t.Errorf("search %q: spans %v list a place twice", q, spans)
				break
			}
		}
	}
}

// TestCountEndsAtUnitAcrossDocuments: the pair after the unit is read
// document by document in index order, with documents that have 人次
// before, between and after those that have 人 alone.
func TestCountEndsAtUnitAcrossDocuments(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "a-times", Pages: []string{"全年服务12000人次。"}},
		{ID: "b-people", Pages: []string{"全年培训12000人。"}},
		{ID: "c-times", Pages: []string{"线上学习12000人次。"}},
		{ID: "d-both", Pages: []string{"服务12000人次,其中培训12000人。"}},
		{ID: "e-times", Pages: []string{"送教上门12000人次。"}},
		{ID: "f-people", Pages: []string{"老年大学学员12000人。"}},
		{ID: "g-times", Pages: []string{"参观12000人次。"}},
	})
	checkSearch(t, idx, "12000人", []string{"b-people", "d-both", "f-people"})
	checkSearch(t, idx, "12000人次", []string{"a-times", "c-times", "d-both", "e-times", "g-times"})
}

// TestPercentValues: a percentage holds its value with its sign, however
// written: 82% and 82％ find 百分之八十二, 百分之八十二 finds 82%, 32.5% finds
// 百分之三十二点五, and each is marked where the page writes it; the number
// of a percentage is no value (82 finds 82家 and the 82 written in 82%,
// not 百分之八十二), a rough one
// (百分之三十多) holds none, and 83% finds none of them.
func TestPercentValues(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "words", Pages: []string{"参与学分银行的企业比例为百分之八十二，社区学校覆盖率达百分之三十二点五。"}},
		{ID: "digits", Pages: []string{"全市企业参与比例为82%，较上年提高。"}},
		{ID: "count", Pages: []string{"全市共有学习型企业82家。"}},
		{ID: "rough", Pages: []string{"参与率达百分之三十多。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"82%", []string{"digits", "words"}},
		{"82％", []string{"digits", "words"}},
		{"百分之八十二", []string{"digits", "words"}},
		{"32.5%", []string{"words"}},
		{"百分之三十二点五", []string{"words"}},
		{"83%", nil},
		{"30%", nil},
		{"30", nil},
		{"82", []string{"count", "digits"}}, // 82家, and 82 as written in 82%
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}
