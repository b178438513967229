package extract

import (
	"context"
	"strings"
	"testing"
)

// TestXLSXChineseBuiltinDates: a 统计台账 whose dates are in the Chinese
// built-in formats 31 (2024年3月1日) and 57 (2024年4月), stored by
// number alone as Excel and WPS in China store them, reads as the dates
// shown, not as the serial numbers 45352 and 45383; and the reader's
// version rose, so `evidence repair --outdated` reads stored texts again.
func TestXLSXChineseBuiltinDates(t *testing.T) {
	res, err := Extract(context.Background(), FormatXLSX, fixture("统计台账.xlsx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(res.Pages, "\f")
	for _, want := range []string{"全民终身学习活动周启动 | 2024年3月1日 | 1200", "社区教育培训 | 2024年4月 | 860"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q, want %q", text, want)
		}
	}
	if strings.Contains(text, "45352") || strings.Contains(text, "45383") {
		t.Errorf("text %q holds a date's serial number", text)
	}
	if res.Version != Version+3 {
		t.Errorf("xlsx text version %d, want %d: texts read before the dates, then before mojibake was mended, are outdated", res.Version, Version+3)
	}
}
