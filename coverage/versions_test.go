package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
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
