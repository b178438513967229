package values_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestClaimNumbersReadPastTheQuotesEdge: a 定性描述's number that its
// quote cuts at its edge is read with the page text either side of the
// quote: the unit right after a quote ending 参与市民达3.2 (万人次), the
// digits right before a quote starting 万人次 (3.2). The check still reads only what touches the
// quote: 1200余场 before it is not taken for the statement's 1200场, and
// a number the page writes otherwise (12所 for 15所) is still missing.
func TestClaimNumbersReadPastTheQuotesEdge(t *testing.T) {
	e := testenv.New(t)
	text, err := os.ReadFile("testdata/杭州市2018年全民终身学习活动周工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := e.Upload(hangzhou, "杭州市2018年全民终身学习活动周工作总结.txt", string(text))
	for _, c := range []struct {
		name, statement, quote string
		quoteOnly, missing     []string // quoteOnly: what the quote alone leaves missing
	}{
		{"the unit after the quote", "活动周参与市民达3.2万人次。", "参与市民达3.2",
			[]string{"3.2万人次"}, nil},
		{"the digits before the quote", "活动周参与市民达3.2万人次。", "万人次，其中线上",
			[]string{"3.2万人次"}, nil},
		{"a whole number before the quote is not the quote's", "开展学习活动1200场，参与市民达3.2万人次。", "参与市民达3.2万人次",
			[]string{"1200场"}, []string{"1200场"}},
		{"another number on the page stays missing", "新建社区学校15所。", "全市新建社区学校1",
			[]string{"15所"}, []string{"15所"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, err := e.Claims.Create(ctx, coordA, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: c.statement,
				Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: c.quote}}})
			if err != nil {
				t.Fatal(err)
			}
			if got := values.ClaimNumbers(cl).Missing; !reflect.DeepEqual(got, c.quoteOnly) {
				t.Fatalf("the quote %q alone: missing %q, want %q", c.quote, got, c.quoteOnly)
			}
			if got := e.Values.ClaimNumbers(ctx, cl).Missing; !reflect.DeepEqual(got, c.missing) {
				t.Errorf("the quote %q read on its page: missing %q, want %q", c.quote, got, c.missing)
			}
		})
	}
}
