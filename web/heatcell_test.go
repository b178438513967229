package web

import (
	"testing"

	"github.com/lcmonitor/evidence/coverage"
)

// TestHeatCellWithdrawnClaimIsGap: on the heat map a claim whose cited
// documents were all withdrawn (撤回) is no evidence, as in the report: the
// cell is a gap, not ◆ 待审核; a claim citing a live document is ◆.
func TestHeatCellWithdrawnClaimIsGap(t *testing.T) {
	cases := []struct {
		name string
		cell coverage.Cell
		want string
	}{
		{"定性描述引用的文档已撤回", coverage.Cell{Code: "1.1.1", Kind: "qualitative", Claims: 1}, "none"},
		{"定性描述引用的文档有效", coverage.Cell{Code: "1.1.1", Kind: "qualitative", Claims: 1, Backed: 1}, "claimed"},
		{"只有关联文档", coverage.Cell{Code: "1.1.1", Kind: "qualitative", Documents: 2}, "linked"},
	}
	for _, c := range cases {
		class, _, label := cellLook(Chinese, c.cell)
		if class != c.want {
			t.Errorf("%s: class %q, want %q", c.name, class, c.want)
		}
		// A claim found 证据不足 is submitted too, not waiting for review.
		if class == "claimed" && label != "已提交定性描述" {
			t.Errorf("%s: label %q, want 已提交定性描述 as the legend says", c.name, label)
		}
	}
}
