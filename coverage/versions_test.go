package coverage_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestAGroupOfVersionsIsOneDocument: 杭州's 学分银行 policy is linked to
// 2.3.1 as its .pdf and its .docx (near duplicates, versions of one
// 文号), beside an unrelated work summary. The indicator page counts them
// as two documents of evidence (a group of versions once); so do the
// heat map (and the xlsx sheet and `evidence coverage`, which show its
// count), the tree beside it and /compare, in the round and over all
// rounds: they said 3.
func TestAGroupOfVersionsIsOneDocument(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	pdf := e.Upload(hangzhou, "学分银行实施意见.pdf.txt", "杭政办发〔2016〕8号 关于建立杭州市学分银行的实施意见：推进学分积累与转换，开展学习成果认证。")
	docx := e.Upload(hangzhou, "学分银行实施意见.docx.txt", "杭政办发〔2016〕8号 关于建立杭州市学分银行的实施意见：推进学分积累与转换，开展学习成果认证工作。")
	other := e.Upload(hangzhou, "社区教育工作总结.txt", "2017年杭州市社区教育工作总结：全市建成社区学习中心一百二十个。")
	for _, d := range []*catalog.Document{pdf, docx, other} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Catalog.AddNearDuplicates(ctx, pdf.ID, []catalog.NearDuplicate{{ID: docx.ID, Similarity: 0.97}}); err != nil {
		t.Fatal(err)
	}
	page, err := e.Search.IndicatorEvidence(ctx, "2.3.1", hangzhou, 2017, testenv.Admin, 0)
	if err != nil {
		t.Fatal(err)
	}
	if page.Counted != 2 {
		t.Fatalf("the indicator page counts %d documents of 2.3.1, want 2 (its .pdf and .docx one)", page.Counted)
	}
	for _, round := range []int{2017, 0} {
		m, err := e.Coverage.Matrix(ctx, testenv.Admin, round, hangzhou)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range m.Cities[0].Cells {
			if c.Code == "2.3.1" && c.Documents != page.Counted {
				t.Errorf("heat map of round %d: 2.3.1 has %d documents, the indicator page %d", round, c.Documents, page.Counted)
			}
		}
	}
	cmp, err := e.Coverage.Compare(ctx, testenv.Admin, hangzhou, []int{2017})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range cmp.Indicators {
		if row.Code == "2.3.1" && row.Rounds[0].Documents != page.Counted {
			t.Errorf("/compare: 2.3.1 has %d documents in 2017, the indicator page %d", row.Rounds[0].Documents, page.Counted)
		}
	}
	tree, err := e.Coverage.Tree(ctx, testenv.Admin, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	var walk func([]*coverage.Node)
	walk = func(ns []*coverage.Node) {
		for _, n := range ns {
			if (n.Code == "2.3.1" || n.Code == "2.3") && n.Evidence != page.Counted {
				t.Errorf("the tree: %s has %d documents, the indicator page %d", n.Code, n.Evidence, page.Counted)
			}
			walk(n.Children)
		}
	}
	walk(tree.Nodes)
	// A version deleted is no version: the two left are two.
	if _, err := e.Documents.Delete(ctx, testenv.Admin, docx.ID); err != nil {
		t.Fatal(err)
	}
	m, err := e.Coverage.Matrix(ctx, testenv.Admin, 2017, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Cities[0].Cells {
		if c.Code == "2.3.1" && c.Documents != 2 {
			t.Errorf("heat map once the .docx is deleted: 2.3.1 has %d documents, want 2", c.Documents)
		}
	}
}

// TestEveryViewCountsVersionsAsTheIndicatorPage: the heat map's counts,
// now counted in the catalog (catalog.Store.EvidenceGroupCounts, the
// tree's by EvidenceGroupCountsUnder), are the indicator page's for
// every indicator of two cities at once: 杭州's 学分银行 policy linked as
// its .pdf and .docx beside a work summary (2.3.1: two), its 老年教育
// 方案 cited by the value of 2.3.3 and its revision linked there (one),
// 成都's 社区教育 plan linked as two versions (2.3.1: one). /compare, the
// xlsx sheet and the tree say the same.
func TestEveryViewCountsVersionsAsTheIndicatorPage(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	const chengdu = "510100"
	link := func(code string, docs ...*catalog.Document) {
		for _, d := range docs {
			if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: code, Page: 1}); err != nil {
				t.Fatal(err)
			}
		}
	}
	versions := func(a, b *catalog.Document) {
		if err := e.Catalog.AddNearDuplicates(ctx, a.ID, []catalog.NearDuplicate{{ID: b.ID, Similarity: 0.96}}); err != nil {
			t.Fatal(err)
		}
	}
	pdf := e.Upload(hangzhou, "学分银行实施意见.pdf.txt", "杭政办发〔2016〕8号 关于建立杭州市学分银行的实施意见：推进学分积累与转换。")
	docx := e.Upload(hangzhou, "学分银行实施意见.docx.txt", "杭政办发〔2016〕8号 关于建立杭州市学分银行的实施意见：推进学分积累与转换工作。")
	summary := e.Upload(hangzhou, "社区教育工作总结.txt", "2017年杭州市社区教育工作总结：全市建成社区学习中心一百二十个。")
	link("2.3.1", pdf, docx, summary)
	versions(pdf, docx)
	plan := e.Upload(hangzhou, "老年教育方案.txt", "杭州市老年教育发展方案：全市老年大学在校学员3.6万人。")
	revised := e.Upload(hangzhou, "老年教育方案修订稿.txt", "杭州市老年教育发展方案（修订稿）：全市老年大学在校学员3.6万人。")
	if _, err := e.Values.Record(ctx, hangzhouCoordinator(), values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("3.6万"),
		Citation: claims.CitationInput{DocumentID: plan.ID, Page: 1, Quote: "全市老年大学在校学员3.6万人"}}); err != nil {
		t.Fatal(err)
	}
	link("2.3.3", revised)
	versions(plan, revised)
	first := e.Upload(chengdu, "成都社区教育规划.txt", "成都市社区教育发展规划：建设社区学院二十所。")
	second := e.Upload(chengdu, "成都社区教育规划（印发稿）.txt", "成都市社区教育发展规划（印发稿）：建设社区学院二十所。")
	link("2.3.1", first, second)
	versions(first, second)

	want := map[[2]string]int{{hangzhou, "2.3.1"}: 2, {hangzhou, "2.3.3"}: 1, {chengdu, "2.3.1"}: 1}
	for key, n := range want {
		page, err := e.Search.IndicatorEvidence(ctx, key[1], key[0], 2017, testenv.Admin, 0)
		if err != nil {
			t.Fatal(err)
		}
		if page.Counted != n {
			t.Fatalf("the indicator page of %s counts %d documents of %s, want %d", key[0], page.Counted, key[1], n)
		}
	}
	m, err := e.Coverage.Matrix(ctx, testenv.Admin, 2017, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[[2]string]int{}
	for _, c := range m.Cities {
		for _, cell := range c.Cells {
			if cell.Documents > 0 {
				got[[2]string{c.Code, cell.Code}] = cell.Documents
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("heat map of every city: %v, the indicator pages %v", got, want)
	}
	for _, city := range []string{hangzhou, chengdu} {
		cmp, err := e.Coverage.Compare(ctx, testenv.Admin, city, []int{2017})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range cmp.Indicators {
			if n := row.Rounds[0].Documents; n != want[[2]string{city, row.Code}] {
				t.Errorf("/compare of %s: %s has %d documents, the indicator page %d", city, row.Code, n, want[[2]string{city, row.Code}])
			}
		}
		tree, err := e.Coverage.Tree(ctx, testenv.Admin, city)
		if err != nil {
			t.Fatal(err)
		}
		area := want[[2]string{city, "2.3.1"}] + want[[2]string{city, "2.3.3"}]
		var walk func([]*coverage.Node)
		walk = func(ns []*coverage.Node) {
			for _, n := range ns {
				w, ok := want[[2]string{city, n.Code}]
				if n.Code == "2.3" {
					w, ok = area, true
				}
				if ok && n.Evidence != w {
					t.Errorf("the tree of %s: %s has %d documents, want %d", city, n.Code, n.Evidence, w)
				}
				walk(n.Children)
			}
		}
		walk(tree.Nodes)
	}
	one, err := e.Coverage.Matrix(ctx, testenv.Admin, 2017, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	_, rows := coverageRowsOf(t, one, false)
	for _, r := range rows[1:] {
		if r[0] == "2.3.1" && r[3] != "2" {
			t.Errorf("the xlsx sheet says %q of 杭州's 2.3.1, want 2 as the indicator page", r[3])
		}
	}
}
