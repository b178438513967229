package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// The revised framework, imported for the next round while 2018 is
// current, adds 3.1.9; a 2018 claim on it keeps the indicator's name and
// kind in the 2018 report, which keeps its own framework: the current
// framework knows the code, the report marks that the round's did not.
func TestKeptRoundNamesAnIndicatorOfTheNextFramework(t *testing.T) {
	e := testenv.New(t)
	table, fw := currentWith(t, e, func(inds []catalog.Indicator) []catalog.Indicator {
		return append(inds, catalog.Indicator{Code: "3.1.9", ParentCode: "3.1", Level: catalog.KeyLevel, Name: "社区学习共同体培育", Kind: catalog.Qualitative})
	})
	if _, err := e.Framework.ImportForNextRound(ctx, testenv.Admin, "2019.csv", table, catalog.Framework{ID: fw.ID, Name: fw.Name, Version: "2019"}); err != nil {
		t.Fatal(err)
	}
	claimOf2018(t, e, "gongtongti.txt", "2018年杭州市培育社区学习共同体120个。", "3.1.9", "杭州市培育社区学习共同体120个", "培育社区学习共同体120个")
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Kept {
		t.Fatal("the 2018 report does not keep its framework after an import for the next round")
	}
	a, it := item(t, r, "3.1.9")
	if a.Code != report.Outside || !strings.Contains(it.Indicator.Name, "社区学习共同体培育") ||
		!strings.Contains(it.Indicator.Name, "不在本轮指标体系中") || it.Indicator.Kind != catalog.Qualitative {
		t.Errorf("3.1.9 in area %q named %q (%s), want it in %s named 社区学习共同体培育 with the mark 不在本轮指标体系中",
			a.Code, it.Indicator.Name, it.Indicator.Kind, report.Outside)
	}
}
