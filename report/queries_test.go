package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// countedBuild builds 杭州's report of 2017 and returns it with how many
// statements the catalog was sent for it.
func countedBuild(t *testing.T, e *testenv.Env, svc *report.Service) (int64, *report.Report) {
	t.Helper()
	before := e.Catalog.Statements()
	r, err := svc.Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	return e.Catalog.Statements() - before, r
}

// TestReportQueriesDoNotGrowWithDocuments: a city's report asks the
// catalog as often for a round of many linked documents as for a round of
// one; three queries per document made a real round's report (300
// documents a city) wait on hundreds of queries, the evidence pack twice.
func TestReportQueriesDoNotGrowWithDocuments(t *testing.T) {
	e, svc := withData(t)
	one, _ := countedBuild(t, e, svc)
	e.UploadLinked(hangzhou, testenv.RoundEvidence)
	if five, _ := countedBuild(t, e, svc); five != one {
		t.Errorf("report of 1 linked document: %d catalog queries; of 5: %d, want as many", one, five)
	}
}

// TestReportQueriesDoNotGrowWithClaimsAndValues: the report reads the
// citations and verdicts of a round's claims and values in a fixed number
// of queries, not three per 定性描述 and one per value; the reviewers'
// reasons still show.
func TestReportQueriesDoNotGrowWithClaimsAndValues(t *testing.T) {
	e, svc := withData(t)
	reviewer := &catalog.User{Username: "shen", Role: catalog.RoleReviewer}
	one, _ := countedBuild(t, e, svc)
	d := e.Upload(hangzhou, "zongjie.txt", "出台终身学习促进条例。成立领导小组。四级社区教育网络建成率98%。市民学习参与率76%。")
	for _, c := range []struct{ code, statement, quote string }{
		{"1.1.2", "杭州市出台了终身学习促进条例", "出台终身学习促进条例"},
		{"1.2.1", "杭州市成立了领导小组", "成立领导小组"},
	} {
		cl, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: c.code, Statement: c.statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: c.quote}}})
		if err != nil {
			t.Fatalf("claim %s: %v", c.code, err)
		}
		if _, err := e.Claims.Review(ctx, reviewer, cl.ID, "insufficient", "原文未见文号"); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []struct{ code, number, quote string }{
		{"2.1.1", "98", "四级社区教育网络建成率98%"}, {"4.1.2", "76", "市民学习参与率76%"},
	} {
		val, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: v.code, Value: values.Written(v.number),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: v.quote}})
		if err != nil {
			t.Fatalf("value %s: %v", v.code, err)
		}
		if _, err := e.Values.Review(ctx, reviewer, val.ID, "contradicted", "与统计公报不符"); err != nil {
			t.Fatal(err)
		}
	}
	more, r := countedBuild(t, e, svc)
	if more != one {
		t.Errorf("report of 1 claim and 1 value: %d catalog queries; of 3 claims and 3 values: %d, want as many", one, more)
	}
	var reasons []string
	for _, a := range r.Areas {
		for _, it := range a.Items {
			for _, c := range it.Claims {
				if len(c.Citations) != 1 {
					t.Errorf("claim on %s shows %d citations, want 1", it.Indicator.Code, len(c.Citations))
				}
				reasons = append(reasons, it.Reasons[c.ID])
			}
			if it.Value != nil {
				reasons = append(reasons, it.Reasons[it.Value.ID])
			}
		}
	}
	if got := strings.Join(reasons, "|"); strings.Count(got, "原文未见文号") != 2 || strings.Count(got, "与统计公报不符") != 2 {
		t.Errorf("reviewers' reasons in the report: %q, want each given twice", got)
	}
}

// TestReportReadsCitationsOnce: the round's claims come with their
// citations; the report asks the catalog for them once, not again after
// the claims, which the claim of withData costs: two queries more than
// the same round without it (the claims with their citations, and the
// claims' reviews), the quote still listed.
func TestReportReadsCitationsOnce(t *testing.T) {
	e, svc := withData(t)
	with, r := countedBuild(t, e, svc)
	var quoted bool
	for _, a := range r.Areas {
		for _, it := range a.Items {
			for _, c := range it.Claims {
				for _, q := range c.Citations {
					quoted = quoted || q.Quote == "建立学分银行"
				}
			}
		}
	}
	if !quoted {
		t.Fatalf("the report does not list the claim's quote 建立学分银行")
	}
	found, err := e.Claims.List(ctx, testenv.Admin, catalog.ClaimFilter{City: hangzhou, Round: 2017})
	if err != nil || len(found) != 1 {
		t.Fatalf("claims of 2017: %v, %v; want the one of withData", found, err)
	}
	if _, err := e.Claims.Withdraw(ctx, coord, found[0].ID, "材料有误"); err != nil {
		t.Fatal(err)
	}
	without, _ := countedBuild(t, e, svc)
	if got := with - without; got != 2 {
		t.Errorf("the round's claim costs the report %d catalog queries, want 2 (the claims with their citations, their reviews)", got)
	}
}
