package packs_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPackQueriesDoNotGrowWithDocuments: gathering a city's evidence pack
// asks the catalog as often for a round of many documents as for a round
// of one, instead of once more per document packed.
func TestPackQueriesDoNotGrowWithDocuments(t *testing.T) {
	e, svc, _ := withData(t)
	queries := func() (int64, int) {
		before := e.Catalog.Statements()
		p, err := svc.Prepare(ctx, coordA, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		return e.Catalog.Statements() - before, len(p.Docs)
	}
	one, _ := queries()
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
	five, docs := queries()
	if docs != 5 {
		t.Fatalf("pack holds %d documents, want 5", docs)
	}
	if five != one {
		t.Errorf("pack of 1 document: %d catalog queries; of 5: %d, want as many", one, five)
	}
}
