package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestSearchFindsWhatTheTextWrites: the words a probe typed and found
// nothing for find the documents that write them, with a mark in a
// fragment: a dictionary word the text's segmentation cut otherwise (几十万
// in 几十|万人次, as a word and as a phrase), a month of a year and a day
// of a month (2018年3月, 3月20日) in a date in Chinese numerals, a date in
// Chinese numerals (二〇一七年九月一日, 九月一日) written in Arabic digits,
// and one numeral before a measure word (八所, 分校八所) written as a digit.
func TestSearchFindsWhatTheTextWrites(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"D1": "各类学习活动覆盖几十万人次。",
		"D2": "杭州市人民政府办公厅\n二〇一八年三月二十日",
		"D3": "本办法自2017年9月1日起施行。",
		"D4": "学院下设分校8所。",
	}
	storeTexts(t, cat, idx, docs, "工作总结", catalog.DocWorkSummary)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"几十万", []string{"D1"}},
		{`"几十万"`, []string{"D1"}},
		{"2018年3月", []string{"D2"}},
		{"3月20日", []string{"D2"}},
		{"二〇一七年九月一日", []string{"D3"}},
		{"九月一日", []string{"D3"}},
		{"八所", []string{"D4"}},
		{"分校八所", []string{"D4"}},
	} {
		res, err := svc.Search(ctx, Request{Query: tt.q, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, "<mark>") {
				t.Errorf("search %q: %s has no mark in its fragments %+v", tt.q, h.ID, h.Fragments)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}
