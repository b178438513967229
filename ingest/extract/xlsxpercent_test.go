package extract

import (
	"context"
	"strings"
	"testing"
)

// TestXLSXPercentCellsReadAsShown: a ledger's rates stored as fractions
// (0.952) in a percent format read as the cell shows them, 95.20% in
// 0.00% and 30.0% in 0.0%, not as 0.952 nor as the shortest 95.2%: the
// text is what a reader of the sheet sees, and search finds 95.2 in
// 95.20% as it finds 96.5 in a report's 96.50%
// (search.TestEveryTypedNumberIsFound).
func TestXLSXPercentCellsReadAsShown(t *testing.T) {
	res, err := Extract(context.Background(), FormatXLSX, fixture("完成率台账.xlsx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(res.Pages, "\f")
	for _, want := range []string{"社区教育参与率 | 95.20%", "市民学习满意度 | 96.50%", "老年教育覆盖率 | 30.0%"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q, want %q", text, want)
		}
	}
	if strings.Contains(text, "0.952") {
		t.Errorf("text %q holds the stored fraction, not the percentage shown", text)
	}
}
