package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerImportedAgainSaysWhatIsUnchanged: a coordinator imports the
// same ledger again after a reviewer found one of its values 与证据矛盾.
// The import says how many rows were unchanged, apart from those it
// updated, and the reviewed value keeps its verdict (probe s41 finding
// 1: every reviewed value of the round went back to 待审核). A ledger
// changing that row says the change sent a reviewed value back to review.
func TestLedgerImportedAgainSaysWhatIsUnchanged(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "统计.txt", "2017年全市市民参与学习活动达到1,234.5万人次，认定市民终身学习基地123个。")
	head := []string{"指标编码", "数值", "单位", "文档编号", "页码", "引文"}
	ledger := [][]string{head,
		{"3.1.3", "1234.5万", "", d.ID, "1", "全市市民参与学习活动达到1,234.5万人次"},
		{"2.2.1", "123", "个", d.ID, "1", "认定市民终身学习基地123个"}}
	wang := s.login("wang")
	a := wang.postFilesBody("/values/import", map[string]string{"city": "330100", "round": "2017"},
		map[string][]byte{"台账.xlsx": ledgerOf(t, ledger)})
	if text := textOf(a.body); !strings.Contains(text, "已导入 2 个数值：新增 2 项，更新 0 项，未变 0 项") {
		t.Fatalf("the first import: %d %.1500s", a.resp.StatusCode, text)
	}
	vs, err := s.env.Catalog.FindValues(ctx, catalog.ValueFilter{City: "330100", Round: 2017, Indicator: "2.2.1"})
	if err != nil || len(vs) != 1 {
		t.Fatalf("2.2.1 of 2017: %v %v", vs, err)
	}
	if _, err := s.env.Values.Review(ctx, testenv.Admin, vs[0].ID, "contradicted", "基地数应为113个，见认定名单"); err != nil {
		t.Fatal(err)
	}

	a = wang.postFilesBody("/values/import", map[string]string{"city": "330100", "round": "2017"},
		map[string][]byte{"台账.xlsx": ledgerOf(t, ledger)})
	if text := textOf(a.body); !strings.Contains(text, "已导入 2 个数值：新增 0 项，更新 0 项，未变 2 项") || strings.Contains(text, "回到待审核") {
		t.Errorf("the same ledger again: %d %.1500s; want 未变 2 项 and nothing back to review", a.resp.StatusCode, text)
	}
	if v, err := s.env.Catalog.Value(ctx, vs[0].ID); err != nil || v.Status != "contradicted" {
		t.Errorf("2.2.1 after the same ledger: %+v %v; want still contradicted", v, err)
	}

	ledger[2][1], ledger[2][5] = "113", "认定市民终身学习基地123个。"
	a = wang.postFilesBody("/values/import", map[string]string{"city": "330100", "round": "2017"},
		map[string][]byte{"台账.xlsx": ledgerOf(t, ledger)})
	if text := textOf(a.body); !strings.Contains(text, "新增 0 项，更新 1 项，未变 1 项") || !strings.Contains(text, "1 项已审核的数值因改动回到待审核") {
		t.Errorf("a ledger changing 2.2.1: %d %.1500s; want 更新 1 项 and one verdict cleared", a.resp.StatusCode, text)
	}
}
