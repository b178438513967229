package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestReportRefusesARoundThatIsNoYear: a report of round -1 or 99999 is
// refused about round naming the years a round may be (catalog.NotARound),
// where it said 监测轮次 -1 不存在; 2030 is still 不存在 and 0 the current
// round (probe s48 #8).
func TestReportRefusesARoundThatIsNoYear(t *testing.T) {
	e := testenv.New(t)
	reports := report.NewService(e.Catalog)
	for _, round := range []int{-1, 99999} {
		_, err := reports.Build(ctx, testenv.Admin, hangzhou, round)
		if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "round" || !strings.Contains(catalog.ErrorMessage(err), "监测轮次应为 2000 至 2100 年间的年份") {
			t.Errorf("report of round %d: %v, want EINVALID about round naming 2000 to 2100", round, err)
		}
	}
	if _, err := reports.Build(ctx, testenv.Admin, hangzhou, 2030); !strings.Contains(catalog.ErrorMessage(err), "监测轮次 2030 不存在") {
		t.Errorf("report of round 2030: %v, want 不存在", err)
	}
	if _, err := reports.Build(ctx, testenv.Admin, hangzhou, 0); err != nil {
		t.Errorf("report of the current round: %v", err)
	}
}
