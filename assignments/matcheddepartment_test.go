package assignments_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestAnImportSaysWhichListedDepartmentANameWasMatchedTo: a table naming
// 杭州市教育局 where the city's list holds 市教育局 gives the task to
// 市教育局, as before, and says so in its result (Matched), so the user
// sees what was matched to what; a name written as the list writes it
// is not reported. The import folded it silently (probe s56).
func TestAnImportSaysWhichListedDepartmentANameWasMatchedTo(t *testing.T) {
	_, s := newService(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n")}); err != nil {
		t.Fatal(err)
	}
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n2.3.2,杭州市教育局,2018-03-31\n2.3.3,杭州市教育局,2018-03-31\n")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []catalog.FoldedName{{Written: "杭州市教育局", As: "市教育局"}}; !slices.Equal(imp.Matched, want) {
		t.Errorf("matched %+v, want %+v", imp.Matched, want)
	}
	for _, a := range imp.Assignments {
		if a.Department != "市教育局" {
			t.Errorf("task %s went to %q, want 市教育局", a.Indicator, a.Department)
		}
	}
}
