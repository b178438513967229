package assignments_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestNotedDepartmentIsTheDepartment imports the probe's table
// (testdata/挂牌单位的责任分解表.xlsx, the .html beside it converted by
// soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx): a
// 责任单位 cell merged over three rows reads 市教育局（市语委办）, the
// 挂牌 name of the 市教育局 two other rows name. The three rows are
// 市教育局's: its account sees all five tasks, the list gains no
// department for the noted name, and the import says how it read the name,
// which units of 配合单位 it did not import (with their rows' indicators)
// and which departments have tasks and no account.
func TestNotedDepartmentIsTheDepartment(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	e.AddUserIn("jiaoyu", "contributor", hangzhou, "市教育局")
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx",
		Data: mustRead(t, "testdata/挂牌单位的责任分解表.xlsx")})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	list, err := s.List(ctx, jiaoyu, assignments.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, task := range list {
		codes = append(codes, task.Indicator)
	}
	slices.Sort(codes)
	if !slices.Equal(codes, []string{"1.1.1", "1.2.1", "1.3.3", "2.3.1", "3.1.1"}) {
		t.Errorf("市教育局's account sees %v, want all five of its tasks", codes)
	}
	if !slices.Equal(imp.Folded, []catalog.FoldedName{{Written: "市教育局（市语委办）", As: "市教育局"}}) {
		t.Errorf("folded %+v, want 市教育局（市语委办） read as 市教育局", imp.Folded)
	}
	if !slices.Equal(imp.NewDepartments, []string{"市人力社保局"}) {
		t.Errorf("new departments %v, want 市人力社保局 only (市教育局 has an account)", imp.NewDepartments)
	}
	if got := fmt.Sprint(imp.IgnoredUnits); got != "[{市委办公厅 [1.1.1]} {市人力社保局 [2.3.1]}]" {
		t.Errorf("units of 配合单位 not imported: %s, want 市委办公厅 (1.1.1) and 市人力社保局 (2.3.1)", got)
	}
	if !slices.Equal(imp.Unreceived, []string{"市人力社保局"}) {
		t.Errorf("departments without an account: %v, want 市人力社保局", imp.Unreceived)
	}
	// The same table again: nothing new, the name read the same way.
	again, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xlsx",
		Data: mustRead(t, "testdata/挂牌单位的责任分解表.xlsx")})
	if err != nil || again.Added != 0 || len(again.NewDepartments) != 0 || len(again.Folded) != 1 {
		t.Errorf("the table again: %+v %v, want nothing added and the name read as 市教育局", again, err)
	}
}

// TestNotedDepartmentStaysWhenNothingNamesItsBase: a noted name whose
// department without the note neither the list nor the table has is
// imported as written; one on the list already keeps its tasks; and
// 市教育局（市语委办） beside a 市语委办 of the list goes to 市教育局, saying
// that the list has 市语委办 too.
func TestNotedDepartmentStaysWhenNothingNamesItsBase(t *testing.T) {
	ctx := context.Background()
	_, s := newService(t)
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n1.1.1,市委组织部（市人才办）,2018-03-31\n")})
	if err != nil || len(imp.Folded) != 0 || !slices.Equal(imp.NewDepartments, []string{"市委组织部（市人才办）"}) {
		t.Fatalf("a noted name alone: %+v %v, want it imported as written", imp, err)
	}
	imp, err = s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n1.1.1,市委组织部（市人才办）,2018-03-31\n1.2.1,市委组织部,2018-03-31\n")})
	if err != nil || len(imp.Folded) != 0 {
		t.Errorf("a noted name on the list: %+v %v, want it kept", imp, err)
	}
	for _, name := range []string{"市教育局", "市语委办"} {
		if _, err := s.AddDepartment(ctx, coordA, hangzhou, name); err != nil {
			t.Fatal(err)
		}
	}
	imp, err = s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n1.3.3,市教育局(市语委办),2018-03-31\n")})
	if err != nil || !slices.Equal(imp.Folded, []catalog.FoldedName{{Written: "市教育局(市语委办)", As: "市教育局", Other: "市语委办"}}) {
		t.Errorf("beside 市语委办: %+v %v, want 市教育局 with 市语委办 named", imp, err)
	}
}
