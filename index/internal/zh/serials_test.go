package zh

import (
	"slices"
	"testing"
)

func TestSerialCounts(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"举办第十八届全民终身学习活动周", []string{"18"}},
		{"入选第三批示范名单", []string{"3"}},
		{"第一百二十期简报", []string{"120"}},
		{"第二十八届读书节", []string{"28"}},
		{"第十二章总则", nil},   // a chapter counts nothing
		{"第三条规定", nil},    // nor an article
		{"第18届研讨会", nil},  // Arabic digits: found by their pairs
		{"十八届读书节", nil},   // no 第: ChineseCounts reads it
		{"第一二届", nil},     // digit by digit: no one number
		{"第一次全市推进会", nil}, // the first time, not once
		{"入选第一批示范区", nil}, // the first batch, not one batch
		{"第十一届读书节", []string{"11"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range SerialCounts([]rune(tt.text)) {
			got = append(got, c.Number)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SerialCounts(%q): got %v, want %v", tt.text, got, tt.want)
		}
	}
}
