package savedsearch_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
)

// TestSaveRefusesFiltersTheSearchWouldNot: a search saved with year -1 or
// 99999 is refused about year as the search refuses it (search.ParseYear),
// dates of issue from after to as well; a coordinator of 杭州 saving a
// search filtered to 宁波, whose documents the search never shows them,
// is refused about city, in Chinese and English, while their own city and
// an expert's 宁波 are saved (probe s48 #8).
func TestSaveRefusesFiltersTheSearchWouldNot(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	env.AddUser("liu", "expert", "")
	env.AddUser("wang", "coordinator", "330100")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	for _, tt := range []struct {
		name    string
		who     *catalog.User
		filters catalog.SearchFilters
		field   string
		zh, en  string
	}{
		{"year -1", liu, catalog.SearchFilters{Years: []int{-1}}, "year", "年份应为 1900 至 2200 年间的四位数字\uFF0C收到“-1”", ""},
		{"year 99999", liu, catalog.SearchFilters{Years: []int{2018, 99999}}, "year", "年份应为 1900 至 2200 年间的四位数字\uFF0C收到“99999”", ""},
		{"issued from after to", liu, catalog.SearchFilters{IssuedFrom: "2019", IssuedTo: "2018-03"}, "issued_to", "截止日期 2018-03-31 早于起始日期 2019-01-01", ""},
		{"another city", wang, catalog.SearchFilters{Cities: []string{"330100", "330200"}}, "city",
			"只能保存您可查看的城市的检索\uFF1A城市 330200 不在您的账号可查看的城市范围内",
			"You can save searches only of cities you may see: city 330200 is outside the cities your account may see"},
	} {
		_, err := env.Saved.Save(ctx, tt.who, savedsearch.Input{Name: tt.name, Query: "学分银行", Filters: tt.filters})
		var ce *catalog.Error
		if es := catalog.Each(err); len(es) == 1 {
			ce = es[0]
		}
		if ce == nil || ce.Code != catalog.EINVALID || ce.Field != tt.field || !strings.Contains(ce.Message, tt.zh) || !strings.Contains(ce.English, tt.en) {
			t.Errorf("%s: %v, want EINVALID about %s saying %q and %q", tt.name, err, tt.field, tt.zh, tt.en)
		}
	}
	for _, tt := range []struct {
		who  *catalog.User
		city string
	}{{wang, "330100"}, {liu, "330200"}} {
		if _, err := env.Saved.Save(ctx, tt.who, savedsearch.Input{Name: "学分银行 " + tt.city, Query: "学分银行",
			Filters: catalog.SearchFilters{Cities: []string{tt.city}, Years: []int{2018}}}); err != nil {
			t.Errorf("%s saving a search of %s: %v, want it saved", tt.who.Username, tt.city, err)
		}
	}
	if list, _ := env.Saved.List(ctx, wang); len(list) != 1 {
		t.Errorf("wang's saved searches: %d, want only the one of 杭州", len(list))
	}
}
