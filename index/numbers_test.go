package index

import (
	"context"
	"slices"
	"testing"
)

func TestNumberForms(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"2000余人", []string{"2000余人", "2,000余人"}},
		{"2,000余人", []string{"2,000余人", "2000余人"}},
		{"1234.5万元", []string{"1234.5万元", "1,234.5万元"}},
		{"１２０００人", []string{"１２０００人", "12,000人"}},
		{"1234567", []string{"1234567", "1,234,567"}},
		{"0.12345", []string{"0.12345"}},           // a fraction's digits are not grouped
		{"342场", []string{"342场"}},                 // under four digits
		{"2017年", []string{"2017年"}},               // a year
		{"杭政办〔2016〕12号", []string{"杭政办〔2016〕12号"}}, // a 文号's year
		{"05741234", []string{"05741234"}},         // a code
		{"ISO9001认证", []string{"ISO9001认证"}},
		{"GB2260", []string{"GB2260"}},
		{"全市 12000人", []string{"全市 12000人", "全市 12,000人"}},
		{"GDP 12345亿元", []string{"GDP 12345亿元", "GDP 12,345亿元"}}, // a number after a Latin word
		{"1,2号", []string{"1,2号"}},                               // a list
		{"12,34", []string{"12,34"}},
	}
	for _, tt := range tests {
		if got := numberForms(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("numberForms(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// A figure is found however its thousands are written, and never inside
// a longer number.
func TestNumbersMatchGroupedOrNot(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "grouped", Pages: []string{"社区学校全年培训2,000余人,投入1,234.5万元。"}},
		{ID: "plain", Pages: []string{"老年大学全年培训2000余人,投入1234.5万元。"}},
		{ID: "longer", Pages: []string{"全市共培训12,000余人,投入21234.5万元。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"2000余人", []string{"grouped", "plain"}},
		{"2,000余人", []string{"grouped", "plain"}},
		{"2000", []string{"grouped", "plain"}},
		{"1,234.5万元", []string{"grouped", "plain"}},
		{"投入1234.5万", []string{"grouped", "plain"}},
		{"12000余人", []string{"longer"}},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
		for _, h := range res.Hits {
			if len(h.Spans) == 0 {
				t.Errorf("search %q: hit %s has no highlight", tt.q, h.ID)
			}
		}
	}
	m, err := NewMatcher([]string{"培训2,000余人,另有2000余人参加线上学习。"})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(m.Find("2000余人")); got != 2 {
		t.Errorf("Matcher.Find(2000余人) found %d places, want 2", got)
	}
}
