package index

import (
	"slices"
	"testing"
)

// TestMatcherForFindsAsMatcherWhereLowerCaseIsNotASCII: a text holding
// the Kelvin sign (K, U+212A, lower-cased to k) or a dotted capital I
// (İ, U+0130) is marked as the whole-text matcher marks it, which lowers
// every letter (the words near a query lower ASCII letters only).
func TestMatcherForFindsAsMatcherWhereLowerCaseIsNotASCII(t *testing.T) {
	tests := []struct {
		name   string
		pages  []string
		phrase string
	}{
		{"Kelvin sign", []string{"学习型城市建设 PM2.5 监测,温度 300 \u212Aelvin 左右,kelvin 单位。"}, "kelvin"},
		{"dotted capital I", []string{"社区学院开设 \u0130stanbul 交流课程,istanbul 学员二十人。"}, "istanbul"},
		{"ASCII only", []string{"社区学院开设 Kelvin 交流课程,kelvin 学员二十人。"}, "kelvin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole, err := NewMatcher(tt.pages)
			if err != nil {
				t.Fatal(err)
			}
			near, err := NewMatcherFor(tt.pages, []string{tt.phrase})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := near.Find(tt.phrase), whole.Find(tt.phrase); !slices.Equal(got, want) {
				t.Errorf("%q near the query: %v, want as the whole text: %v", tt.phrase, got, want)
			}
		})
	}
}
