package report_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReportQueriesDoNotGrowWithDocuments: a city's report asks the
// catalog as often for a round of many linked documents as for a round of
// one; three queries per document made a real round's report (300
// documents a city) wait on hundreds of queries, the evidence pack twice.
func TestReportQueriesDoNotGrowWithDocuments(t *testing.T) {
	e, svc := withData(t)
	queries := func() int64 {
		before := e.Catalog.Statements()
		if _, err := svc.Build(ctx, testenv.Admin, hangzhou, 2017); err != nil {
			t.Fatal(err)
		}
		return e.Catalog.Statements() - before
	}
	one := queries()
	for _, l := range []struct{ file, text, code string }{
		{"guihua.txt", "杭州市学习型城市建设规划（2016—2020年）。", "1.1.1"},
		{"tiaoli.txt", "杭州市终身学习促进条例。", "1.1.2"},
		{"lingdao.txt", "成立杭州市学习型城市建设领导小组。", "1.2.1"},
		{"wangluo.txt", "四级社区教育网络建成率达到98%。", "2.1.1"},
	} {
		d := e.Upload(hangzhou, l.file, l.text)
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: l.code, Page: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if five := queries(); five != one {
		t.Errorf("report of 1 linked document: %d catalog queries; of 5: %d, want as many", one, five)
	}
}
