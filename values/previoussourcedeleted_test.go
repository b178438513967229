package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestNoChangeFromAValueWhoseSourceWasDeleted: once the one document
// 杭州's 2017 成人年参与学习率 cites is deleted (出处已删除), the 2018 value
// listed on /values and in the API has the 2017 value beside it but no
// change from it (probe s48 #6), and says why.
func TestNoChangeFromAValueWhoseSourceWasDeleted(t *testing.T) {
	e := testenv.New(t)
	old := e.Upload(hangzhou, "2017年统计公报.txt", "2017年全市成人年参与学习率为32.5%。")
	now := e.Upload(hangzhou, "2018年统计公报.txt", "2018年全市成人年参与学习率为33.3%。")
	for _, in := range []values.Input{
		{Round: 2017, Indicator: "5.1.1", Value: values.Written("32.5%"),
			Citation: claims.CitationInput{DocumentID: old.ID, Page: 1, Quote: "2017年全市成人年参与学习率为32.5%"}},
		{Round: 2018, Indicator: "5.1.1", Value: values.Written("33.3%"),
			Citation: claims.CitationInput{DocumentID: now.ID, Page: 1, Quote: "2018年全市成人年参与学习率为33.3%"}},
	} {
		if _, err := e.Values.Record(ctx, coordA, in); err != nil {
			t.Fatalf("record %d: %v", in.Round, err)
		}
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, old.ID); err != nil {
		t.Fatal(err)
	}
	vs, err := e.Values.List(ctx, coordA, values.Filter{Round: 2018, Indicator: "5.1.1"})
	if err != nil || len(vs) != 1 || vs[0].Previous == nil {
		t.Fatalf("2018 values: %+v, %v; want one with its 2017 value", vs, err)
	}
	if c := vs[0].Comparison(); c.Comparable || c.Why != catalog.IncomparableSourcesDeleted {
		t.Errorf("2018 against 2017: %+v, want not comparable because 2017's source was deleted", c)
	}
}
