package values_test

import (
	"context"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
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

// readCounting counts the texts read from its store.
type readCounting struct {
	blob.Store
	reads atomic.Int64
}

// Get counts the reads of texts (the Stats before them are the
// service's own: one to size the read, one to name the version read).
func (s *readCounting) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	s.reads.Add(1)
	return s.Store.Get(ctx, key)
}

// recordOn records, as 杭州's coordinator, a 2017 value of code quoting
// page 1 of doc.
func recordOn(t *testing.T, e *testenv.Env, doc, code, value, quote string) string {
	t.Helper()
	v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: code, Value: values.Written(value),
		Citation: claims.CitationInput{DocumentID: doc, Page: 1, Quote: quote}})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// recordOneOn uploads text as Hangzhou's work summary, records value for
// the indicator code citing quote there and lists Hangzhou's values of
// 2017: the value's id and the list.
func recordOneOn(t *testing.T, e *testenv.Env, text, code, value, quote string) (string, []values.Listed) {
	t.Helper()
	d := e.Upload(hangzhou, "zongjie.txt", text)
	id := recordOn(t, e, d.ID, code, value, quote)
	list, err := e.Values.List(ctx, coordA, values.Filter{City: hangzhou, Round: 2017})
	if err != nil {
		t.Fatal(err)
	}
	return id, list
}

// TestPageContextsReadEachTextOnce: three values quoting three passages
// of one work summary have their page contexts from one read of its text,
// not one read each.
func TestPageContextsReadEachTextOnce(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "杭州市二〇一七年终身学习工作总结\n"+
		"全年存入学分银行的社会培训成果达一万二千人，市民参与学习活动12.3万人次，"+
		"认定市民终身学习基地123个，全年举办市民大讲堂56场。")
	want := map[string]string{
		recordOn(t, e, d.ID, "2.3.3", "12000", "社会培训成果达一万二千人"):   "一万二千",
		recordOn(t, e, d.ID, "3.1.3", "12.3", "市民参与学习活动12.3万人次"): "12.3万",
		recordOn(t, e, d.ID, "2.2.1", "123", "认定市民终身学习基地123个"):   "123",
	}
	list, err := e.Values.List(ctx, coordA, values.Filter{City: hangzhou, Round: 2017})
	if err != nil {
		t.Fatal(err)
	}
	blobs := &readCounting{Store: e.Blobs}
	svc := values.NewService(e.Catalog, blobs)
	svc.SetTextBudget(e.Documents)
	got, err := svc.PageContexts(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	for id, number := range want {
		if c := got[id]; c.Number != number || c.Unavailable != nil {
			t.Errorf("context of %s: %+v, want %s marked", id, c, number)
		}
	}
	if n := blobs.reads.Load(); n != 1 {
		t.Errorf("the text was read %d times for three values citing it, want once", n)
	}
}

// TestPageContextsSayWhyATextCannotBeRead: while the server's budget for
// big texts is lent out, a value's page context says that its page cannot
// be shown now and when to try again, as a claim's passages do, in place
// of dropping it without a word.
func TestPageContextsSayWhyATextCannotBeRead(t *testing.T) {
	e := testenv.New(t)
	id, list := recordOneOn(t, e, "杭州市学分银行累计开户学习者12000人，认定市民终身学习基地123个。",
		"2.3.3", "12000", "学分银行累计开户学习者12000人")
	e.Documents.SetTextBudget(64 << 20)
	release, err := e.Documents.HoldTextBudget(64 << 20)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	got, err := e.Values.PageContexts(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := got[id]
	if !ok || c.Number != "" || c.Page != 1 || c.Unavailable == nil || c.Unavailable.Code != catalog.EUNAVAILABLE ||
		c.Unavailable.RetryAfter == 0 || !strings.HasPrefix(c.Unavailable.Message, "无法显示这段引文所在页的文字：") ||
		!strings.HasPrefix(c.Unavailable.English, "The text of the page this passage is on cannot be shown: ") {
		t.Errorf("context while the budget is lent out: %+v (%v), want why it is not shown", c, c.Unavailable)
	}
}

// TestPageContextsMarkANumberFoundWhenRecorded: a value recorded before
// numerals were read only where they stand as a number (四级 for 4) was
// found in its passage then; its page context marks that number, as its
// card says 该数值已在引文中找到, not the passage unmarked.
func TestPageContextsMarkANumberFoundWhenRecorded(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "wangluo.txt", "杭州市建立市、区、街道、社区四级社区教育网络，实行两级统筹。")
	id := recordOn(t, e, d.ID, "2.2.1", "4", "建立市、区、街道、社区四级社区教育网络")
	list, err := e.Values.List(ctx, coordA, values.Filter{City: hangzhou, Round: 2017})
	if err != nil || len(list) != 1 {
		t.Fatalf("values: %v, %v", list, err)
	}
	if list[0].ValueFound {
		t.Fatalf("四级 read as the number 4 when recorded now: the test needs a value not found now")
	}
	list[0].ValueFound = true // as recorded before
	got, err := e.Values.PageContexts(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	if c := got[id]; c.Number != "四" || !strings.HasSuffix(c.Before, "社区") || !strings.HasPrefix(c.After, "级社区教育网络") {
		t.Errorf("context of a value found when recorded: %+v, want 四 marked", c)
	}
	list[0].ValueFound = false
	if got, err = e.Values.PageContexts(ctx, list); err != nil || got[id].Number != "" {
		t.Errorf("context of a value not found: %+v, %v; want the passage unmarked", got[id], err)
	}
}
