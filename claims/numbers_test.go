package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSuggestedPassagesMarkNumbersWhole: a claim's 系统推荐的证据段落 mark
// the statement's number whole whichever way the passage groups its
// thousands (1,234.5万人次 for 1234.5万人次), and never a piece of another
// number (11,234.5万人次, 七十二 for 七十).
func TestSuggestedPassagesMarkNumbersWhole(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "zongjie.txt", "2018年，全市社区教育培训达1,234.5万人次，老年大学学员12.3万人，"+
		"社区教育网络覆盖率达98.6%，市民满意度百分之七十二。另有11,234.5万人次参与线上学习。")
	for _, tt := range []struct {
		statement, want string
		never           []string
	}{
		{"全市社区教育培训1234.5万人次", "<mark>1,234.5万人次</mark>", []string{".<mark>5", "<mark>234", "11,<mark>"}},
		{"老年大学学员12.3万人", "<mark>老年大学学员12.3</mark>", []string{"12</mark>"}},
		{"社区教育网络覆盖率达９８.６％", "<mark>98.6</mark>", []string{"98</mark>"}},
		{"市民满意度百分之七十", "<mark>市民满意度百分之</mark>七十二", []string{"七十</mark>"}},
	} {
		c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1", Round: 2018, Statement: tt.statement,
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全市社区教育培训"}}})
		if err != nil {
			t.Fatal(err)
		}
		cs, err := e.Claims.Candidates(ctx, testenv.Admin, c.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			t.Fatalf("%s: no suggested passage", tt.statement)
		}
		for _, cand := range cs {
			if !strings.Contains(cand.HTML, tt.want) {
				t.Errorf("%s: passage %s; want %q in it", tt.statement, cand.HTML, tt.want)
			}
			for _, bad := range tt.never {
				if strings.Contains(cand.HTML, bad) {
					t.Errorf("%s: passage %s marks a piece of a number: %q", tt.statement, cand.HTML, bad)
				}
			}
		}
	}
}
