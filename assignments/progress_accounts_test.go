package assignments_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
)

// TestProgressNamesContactsAndDepartmentsWithoutAccount: 市教育局's row of
// the board lists its tasks' contacts, the one most name first — not the
// 李科长 written on a row it shares with 市人力社保局, alone — and a
// department with tasks and no account (市人力社保局) is marked, while
// 市教育局, with jiaoyu's account, is not.
func TestProgressNamesContactsAndDepartmentsWithoutAccount(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	e.AddUserIn("jiaoyu", "contributor", hangzhou, "市教育局")
	if _, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局、市人力社保局,2018-03-31,李科长\n" +
			"1.2.1,市教育局,2018-03-31,张老师\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人力社保局,2018-03-31,\n")}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Progress(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]assignments.DepartmentProgress{}
	for _, p := range rows {
		by[p.Department] = p
	}
	jy, rs := by["市教育局"], by["市人力社保局"]
	if jy.Contact != "张老师、李科长" || !slices.Equal(jy.Contacts, []string{"张老师", "李科长"}) {
		t.Errorf("市教育局's contacts: %q %v, want 张老师 first, then 李科长", jy.Contact, jy.Contacts)
	}
	if jy.NoAccount || jy.Accounts != 1 {
		t.Errorf("市教育局 has jiaoyu's account, yet: accounts %d, no account %v", jy.Accounts, jy.NoAccount)
	}
	if !rs.NoAccount || rs.Total != 2 {
		t.Errorf("市人力社保局 has 2 tasks and no account: %+v, want it marked", rs)
	}
}

// TestProgressListsAPersonOnceWithTheirPhone: one task of 市教育局 names
// 王老师 with a phone and two name 王老师 alone; the board listed
// 王老师 0571-85251234、王老师. One person is listed once, with the phone;
// another person (李老师) and a name written with another phone stay.
func TestProgressListsAPersonOnceWithTheirPhone(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	e.AddUserIn("jiaoyu", "contributor", hangzhou, "市教育局")
	if _, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n1.1.1,市教育局,2018-03-31,王老师\n" +
			"1.2.1,市教育局,2018-03-31,王老师 0571-85251234\n2.3.1,市教育局,2018-03-31,王老师\n" +
			"2.3.3,市教育局,2018-03-31,李老师\n1.3.2,市文广新局,2018-03-31,赵老师（0571-87000001）\n" +
			"1.3.3,市文广新局,2018-03-31,赵老师（0571-87000002）\n")}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Progress(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]assignments.DepartmentProgress{}
	for _, p := range rows {
		by[p.Department] = p
	}
	for _, tt := range []struct{ department, want string }{
		{"市教育局", "王老师 0571-85251234、李老师"},
		{"市文广新局", "赵老师（0571-87000001）、赵老师（0571-87000002）"},
	} {
		if got := by[tt.department].Contact; got != tt.want {
			t.Errorf("%s's contacts on the board: %q, want %q", tt.department, got, tt.want)
		}
	}
}
