package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReviewReasonInChinesePunctuation: a reviewer's reason typed with
// ASCII punctuation (台账合计为7000人,与填报的12000人不符.请核对(截至2022年底).)
// is written in Chinese punctuation in the report, its full stops too, in
// the Chinese report and, as it is Chinese text, in the English one (the
// probe saw 不符.请核对 in both, and the English one unconverted).
func TestReviewReasonInChinesePunctuation(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "taizhang.txt", "存入学分银行的社会培训成果12000人。")
	v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: values.Written("12000"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "存入学分银行的社会培训成果12000人"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Review(ctx, testenv.Admin, v.ID, "contradicted", "台账合计为7000人,与填报的12000人不符.请核对(截至2022年底)."); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	const want = "台账合计为7000人\uFF0C与填报的12000人不符\u3002请核对\uFF08截至2022年底\uFF09\u3002"
	if got := strings.Join(padded(t, r)["2.3.3"], "|"); !strings.Contains(got, want) {
		t.Errorf("Chinese report 2.3.3: %q, want the reason as %q", got, want)
	}
	r.Lang = report.English
	if got := strings.Join(padded(t, r)["2.3.3"], "|"); !strings.Contains(got, "(reviewer: "+want+")") {
		t.Errorf("English report 2.3.3: %q, want the reason as %q", got, want)
	}
}
