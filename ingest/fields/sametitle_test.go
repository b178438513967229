package fields_test

import (
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestSameTitle: a title read off a scan is the one its notice's text
// layer gave whatever the widths of its marks and the spaces OCR put in
// (ingest settleMisreadNumber compares them); another title, or none, is
// not.
func TestSameTitle(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"关于建设城市书房读书驿站的通知", "关于建设城市书房读书驿站的通知", true},
		{"关于印发《杭州市学分银行管理办法（试行）》的通知", "关于印发《杭州市学分银行管理办法(试行)》的通知", true},
		{"关于建设城市书房 读书驿站的通知", "关于建设城市书房读书驿站的通知", true},
		{"关于开展2022年全民终身学习活动周的通知", "关于开展２０２２年全民终身学习活动周的通知", true},
		{"关于建设城市书房读书驿站的通知", "关于举办2023年全民终身学习活动周的通知", false},
		{"关于建设城市书房读书驿站的通如", "关于建设城市书房读书驿站的通知", false},
		{"", "", false},
		{" ", "", false},
	}
	for _, tt := range tests {
		if got := fields.SameTitle(tt.a, tt.b); got != tt.want {
			t.Errorf("SameTitle(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
