package index

import (
	"context"
	"slices"
	"testing"
)

// serialCorpus holds sessions and batches numbered with 第, and the
// counts and longer numbers a session's numeral must not be cut from.
var serialCorpus = []Document{
	{ID: "week18", Pages: []string{"我市举办第十八届全民终身学习活动周，各区同步开展。"}},
	{ID: "week18-arabic", Pages: []string{"第18届学习型城市建设研讨会在宁波召开。"}},
	{ID: "batch3", Pages: []string{"我市社区学校入选第三批省级示范名单。"}},
	{ID: "week28", Pages: []string{"第二十八届读书节圆满落幕。"}},
	{ID: "week118", Pages: []string{"第118届广交会期间开展学习活动。"}},
	{ID: "talks", Pages: []string{"全年共举办1342场大讲堂。"}},
	{ID: "first", Pages: []string{"第一次全市学习型城市推进会在我市召开。"}},
	{ID: "once", Pages: []string{"全年举办专题讲座1次，参与2000人。"}},
}

// An expert who types 十八届 means the 18th session, which documents write
// 第十八届: a numeral before a unit that counts sessions or batches also
// finds its 第-serial, in Chinese numerals or Arabic digits, but only the
// whole numeral after 第 (八届 is not in 第十八届 nor in 二十八届), and
// never 一 alone (1次 is once, 第一次 the first time).
func TestSerialFoundByItsNumeral(t *testing.T) {
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(context.Background(), serialCorpus); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"第十八届", []string{"week18"}},
		{"十八届", []string{"week18", "week18-arabic"}},
		{"18届", []string{"week18", "week18-arabic"}},
		{"十八届全民终身学习活动周", []string{"week18"}},
		{"第18届", []string{"week18-arabic"}},
		{"三批", []string{"batch3"}},
		{"二十八届", []string{"week28"}},
		{"八届", nil},
		{"8届", nil},
		{"342场", nil},
		// 第一次 is the first time, not once (1次, 一次 as a count):
		// 一 alone is no count, after 第 nor anywhere else.
		{"1次", []string{"once"}},
		{"第一次", []string{"first"}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// The page marks 十八届 where the index found it, inside 第十八届, and
// nothing inside 第二十八届.
func TestMatcherFindsTheSerialsNumeral(t *testing.T) {
	page := "我市举办第十八届全民终身学习活动周；第二十八届读书节同期开幕。"
	m, err := NewMatcher([]string{page})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"十八届", []string{"十八届"}},
		{"18届", []string{"十八届"}},
		{"八届", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range m.Find(tt.q) {
			got = append(got, page[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}
