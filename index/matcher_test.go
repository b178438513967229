package index

import (
	"testing"
)

func TestMatcherFindsPhrasesLikeSearch(t *testing.T) {
	pages := []string{
		"长沙市建成四级网络体系。南京市长江大桥。",
		"宁波市建立学分银行,推进学习成果认证,学分银行运行良好。",
	}
	m, err := NewMatcher(pages)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		phrase string
		want   []Span
	}{
		{"学分银行", []Span{{2, 15, 27}, {2, 53, 65}}},
		{"长沙", []Span{{1, 0, 6}}},
		{"四级网络", []Span{{1, 15, 27}}},
		{"学习成果认证", []Span{{2, 34, 52}}},
		{"市长", nil},
		{"，", nil},
	}
	for _, tt := range tests {
		got := m.Find(tt.phrase)
		if len(got) != len(tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.phrase, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Find(%q) = %v, want %v", tt.phrase, got, tt.want)
				break
			}
			if text := pages[got[i].Page-1][got[i].Start:got[i].End]; text != tt.phrase {
				t.Errorf("Find(%q) span covers %q", tt.phrase, text)
			}
		}
	}
}
