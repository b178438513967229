package search

import (
	"context"
	"slices"
	"testing"
)

// TestPolicyWordsAloneSuggestNothing: a 区政府 document about a 社区学院
// is suggested neither 1.3.3 (社区教育专兼职教师与志愿者队伍建设) on 建设
// and 培训, words of most documents and of many indicators' names, nor
// 1.1.1 (市委市政府出台…的决定、意见) on 实施意见 when no 市委 or 市政府
// issued or is named in it; a document about 社区教育志愿者队伍 still is
// suggested 1.3.3, and a 市委市政府 意见 still 1.1.1 (probe s41 #9).
func TestPolicyWordsAloneSuggestNothing(t *testing.T) {
	svc := newDemoService(t)
	probe := []string{"杭州市萧山区人民政府关于建设社区学院的实施意见",
		"各镇人民政府、街道办事处：为加快建设社区学院，加强居民培训，现提出如下实施意见。一、建设区社区学院，各镇街设立分院。二、每年开展居民培训不少于二十期。"}
	tests := []struct {
		name, title, text, code string
		want                    bool
	}{
		{"the probe's 区 document, 1.3.3", probe[0], probe[1], "1.3.3", false},
		{"the probe's 区 document, 1.1.1", probe[0], probe[1], "1.1.1", false},
		{"a document about 社区教育志愿者队伍", "关于加强社区教育志愿者队伍建设的通知",
			"各区县要组建社区教育志愿者队伍，聘请专兼职教师，定期开展培训。", "1.3.3", true},
		{"a 区 document that says 市委市政府", "萧山区贯彻落实学习型城市建设实施意见的通知",
			"根据市委市政府《关于推进学习型城市建设的实施意见》，结合我区实际，制定本通知。", "1.1.1", true},
		{"a 市委市政府 意见", "中共长沙市委 长沙市人民政府关于推进学习型城市建设的意见",
			"市委、市政府决定，全面推进学习型城市建设。", "1.1.1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sugs, err := svc.SuggestIndicators(context.Background(), "330100", tt.title, []string{tt.text}, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(sugs, func(s Suggestion) bool { return s.Code == tt.code })
			if got != tt.want {
				t.Errorf("%s: %s suggested %v, want %v (suggestions %v)", tt.title, tt.code, got, tt.want, suggestionTerms(sugs))
			}
		})
	}
}
