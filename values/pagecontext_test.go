package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestPageContextsPlaceTheNumberOnItsPage: the page context of a value
// is the number as the page writes it (一万二千 for 12000, 12.3万 for
// 123000) with the page's text either side, cut to a clause or two (…);
// two values quoting the same passage each have theirs; a value whose
// quote is not on the page has none, and one whose passage writes its
// number in another unit has the passage unmarked.
func TestPageContextsPlaceTheNumberOnItsPage(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "杭州市二〇一七年终身学习工作总结\n"+
		"全市坚持政府主导、部门协同、社会参与的工作格局，社区教育工作取得了一定成效。"+
		"全年存入学分银行的社会培训成果达一万二千人，市民参与学习活动12.3万人次，"+
		"全年举办市民大讲堂56场，各类学习活动参与人数持续增长，学习型城市建设迈上新台阶。")
	record := func(code, value, quote string) string {
		t.Helper()
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: code, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	passage := "全年存入学分银行的社会培训成果达一万二千人，市民参与学习活动12.3万人次"
	people := record("2.3.3", "12000", passage)
	visits := record("3.1.3", "12.3", passage)
	elsewhere := record("2.2.1", "123", "认定市民终身学习基地123个")
	unit := record("5.1.1", "56%", "全年举办市民大讲堂56场")
	list, err := e.Values.List(ctx, coordA, values.Filter{City: hangzhou, Round: 2017})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Values.PageContexts(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := got[people]
	if !ok || c.Page != 1 || c.Number != "一万二千" || !c.CutBefore || !c.CutAfter ||
		!strings.HasSuffix(c.Before, "社区教育工作取得了一定成效。全年存入学分银行的社会培训成果达") || !strings.HasPrefix(c.After, "人,市民参与学习活动12.3万人次,全年举办") {
		t.Errorf("context of 12000 people: %+v", c)
	}
	if c := got[visits]; c.Number != "12.3万" || !strings.HasPrefix(c.After, "人次,全年举办市民大讲堂56场") {
		t.Errorf("context of 12.3 万人次 in the same passage: %+v", c)
	}
	if c, ok := got[elsewhere]; ok {
		t.Errorf("a value whose quote is not on the page has a context: %+v", c)
	}
	if c := got[unit]; c.Number != "" || c.Before != "全年举办市民大讲堂56场" {
		t.Errorf("a value written in another unit: %+v, want the passage unmarked", c)
	}
}
