package search

import (
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A passage holds a statement's number whichever of them groups its
// thousands, and a grouped number is one number, not its groups.
func TestCandidateNumbersIgnoreThousandsSeparators(t *testing.T) {
	tests := []struct {
		statement, passage string
		want               []string
		all                bool
	}{
		{"全市社区学校培训2000余人", "社区学校培训2,000余人。", []string{"2000"}, true},
		{"全市社区学校培训2,000余人", "社区学校培训2000余人。", []string{"2,000"}, true},
		{"投入经费1,234.5万元", "投入经费1234.5万元。", []string{"1,234.5"}, true},
		{"全市社区学校培训2,000余人", "老年大学培训5,000余人,新增2所。", []string{}, false},
		{"覆盖1,2号文件所列街道", "覆盖1,2号文件所列街道。", []string{"1", "2"}, true},
	}
	d := &catalog.Document{ID: "d", Title: "工作总结"}
	for _, tt := range tests {
		c := scoreCandidate(d, Fragment{Page: 1, HTML: tt.passage}, statementNumbers(tt.statement), false)
		if !slices.Equal(c.Numbers, tt.want) || c.AllNumbers != tt.all {
			t.Errorf("statement %q, passage %q: numbers %q (all %v), want %q (all %v)",
				tt.statement, tt.passage, c.Numbers, c.AllNumbers, tt.want, tt.all)
		}
	}
}
