package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestGenericWordsAloneSuggestNothing: 5.2.2 (获得联合国教科文组织学习型
// 城市奖…) is suggested for the document about the award, not for one that
// only says 学习型城市 or 终身学习, words every document of the archive
// says (probe s36 #19).
func TestGenericWordsAloneSuggestNothing(t *testing.T) {
	svc := newDemoService(t)
	tests := []struct {
		name, title, text string
		want              bool // 5.2.2 suggested
	}{
		{"the award", "关于我市荣获学习型城市奖的通报",
			"2017年9月，我市获得联合国教科文组织学习型城市奖，并加入全球学习型城市网络。", true},
		{"the network alone", "工作简报",
			"本市正式加入全球学习型城市网络，与各成员城市开展交流。", true},
		{"only 学习型城市", "关于做好2018年社区教育工作的通知",
			"各街道要按照学习型城市建设要求，办好社区学校，开展居民培训。", false},
		{"only 学习型城市 and 终身学习", "读书活动总结",
			"为推进学习型城市建设，营造终身学习氛围，全市举办读书分享会十二场。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sugs, err := svc.SuggestIndicators(context.Background(), "330100", tt.title, []string{tt.text}, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(sugs, func(s Suggestion) bool { return s.Code == "5.2.2" })
			if got != tt.want {
				t.Errorf("%q: 5.2.2 suggested %v, want %v (suggestions %v)", tt.text, got, tt.want, suggestionTerms(sugs))
			}
		})
	}
}

// suggestionTerms names each suggestion with the terms it was found by,
// for failure messages.
func suggestionTerms(sugs []Suggestion) []string {
	out := make([]string, len(sugs))
	for i, s := range sugs {
		out[i] = fmt.Sprintf("%s%v", s.Code, s.Terms)
	}
	return out
}

// TestTermOfEveryCityDocumentSuggestsNothing: a framework term that
// nearly every document of the city holds (国际, a keyword of 5.2.2, in
// the name of every 国际交流 report of a city) is not enough on its own
// to suggest its indicator, while a city of few documents is too small
// to tell what is common and keeps it.
func TestTermOfEveryCityDocumentSuggestsNothing(t *testing.T) {
	tests := []struct {
		name string
		docs int
		want bool // 5.2.2 suggested for a document saying only 国际
	}{
		{"a city whose documents all say 国际", 12, false},
		{"a city of three documents", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			cat, idx := openDemoStores(t)
			texts := map[string]string{}
			for i := range tt.docs {
				texts[fmt.Sprintf("D%02d", i)] = fmt.Sprintf("杭州国际友好城市教育交流简报第%d期：接待来访团组。", i+1)
			}
			storeTexts(t, cat, idx, texts, "国际交流简报", catalog.DocWorkSummary)
			svc := NewService(idx, cat)
			text := []string{"杭州国际友好城市教育交流简报第1期：接待来访团组。"}
			pages := func() ([]string, func(), error) { return text, nil, nil }
			sugs, err := svc.TextSuggestions(ctx, "sha-d00", "国际交流简报", "330100", pages, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(sugs, func(s Suggestion) bool { return s.Code == "5.2.2" })
			if got != tt.want {
				t.Errorf("%d documents saying 国际: 5.2.2 suggested %v, want %v (suggestions %v)", tt.docs, got, tt.want, suggestionTerms(sugs))
			}
		})
	}
}
