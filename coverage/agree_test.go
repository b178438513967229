package coverage_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestPagesAgreeOnAnIndicatorsEvidence: a verified value of 2.3.3 cites
// the policy and a claim of 2.3.1 cites the work summary, neither linked;
// an unrelated document mentions both indicators' words. The indicator
// page (and the evidence API behind it), the tree, the heat map and the
// comparison all count the cited document as the indicator's evidence, the
// indicator page first and not as 推荐 (the probe saw it suggested behind
// the unrelated one, evidence 0 in the tree and the heat map, documents 1
// on /compare).
func TestPagesAgreeOnAnIndicatorsEvidence(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord, rev := hangzhouCoordinator(), hangzhouReviewer()
	e.Upload(hangzhou, "其他.txt", "学分银行录入成果信息人次统计说明,学分积累与成果认证的宣传材料。")
	policy := e.Upload(hangzhou, "policy.txt", "杭州市学分银行建设方案:截至年底,存入学分银行的社会培训成果1.2万人。")
	summary := e.Upload(hangzhou, "summary.txt", "杭州市建立终身学习成果认证制度的工作总结。")
	v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("1.2万"),
		Citation: claims.CitationInput{DocumentID: policy.ID, Page: 1, Quote: "存入学分银行的社会培训成果1.2万人"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Review(ctx, rev, v.ID, "verified", "核对原文"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "已建立终身学习成果认证制度",
		Citations: []claims.CitationInput{{DocumentID: summary.ID, Page: 1, Quote: "建立终身学习成果认证制度"}}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.3": policy.ID, "2.3.1": summary.ID}

	for code, id := range want {
		ev, err := e.Search.IndicatorEvidence(ctx, code, hangzhou, 0, coord, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ev.Items) == 0 || ev.Items[0].ID != id || ev.Items[0].Suggested || len(ev.Items[0].Cited) != 1 {
			t.Errorf("indicator page %s: items %+v, want %s first, cited, not suggested", code, ev.Items, id)
		}
		for _, it := range ev.Items[1:] {
			if it.ID == id {
				t.Errorf("indicator page %s lists %s twice", code, id)
			}
		}
	}
	tree, err := e.Coverage.Tree(ctx, coord, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var walk func([]*coverage.Node)
	walk = func(ns []*coverage.Node) {
		for _, n := range ns {
			counts[n.Code] = n.Evidence
			walk(n.Children)
		}
	}
	walk(tree.Nodes)
	seen := roundView(t, e, coord, 2017)
	for code := range want {
		if counts[code] != 1 || seen.cells[code].Documents != 1 || seen.compared[code].Documents != 1 {
			t.Errorf("%s: tree %d, heat map %d, comparison %d documents; want 1 on each", code, counts[code],
				seen.cells[code].Documents, seen.compared[code].Documents)
		}
	}
	if counts["2.3"] != 2 {
		t.Errorf("area 2.3 counts %d documents, want 2", counts["2.3"])
	}
}
