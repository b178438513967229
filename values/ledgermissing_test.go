package values_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerMissingHeadingSaysItsColumnInChinese: a ledger without one
// of the needed headings names the column by its Chinese heading with the
// English one in brackets (数值(value)), as the responsibility table's
// import does, and in English the other way round.
func TestLedgerMissingHeadingSaysItsColumnInChinese(t *testing.T) {
	e := testenv.New(t)
	for _, tt := range []struct {
		heading []any
		zh, en  string
	}{
		{[]any{"指标编码", "金额", "单位", "文档编号", "页码", "引文"}, "没有含 数值\uFF08value\uFF09列的表头", "the column value (数值)"},
		{[]any{"指标编码", "数值", "单位", "文档编号", "页码", "摘录"}, "没有含 引文\uFF08quote\uFF09列的表头", "the column quote (引文)"},
		{[]any{"编号", "数值", "单位", "文档编号", "页码", "引文"}, "没有含 指标编码\uFF08indicator\uFF09列的表头", "the column indicator (指标编码)"},
	} {
		f := excelize.NewFile()
		_ = f.SetSheetRow("Sheet1", "A1", &tt.heading)
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"3.1.3", "125.6", "万人次", "x", 1, "全年市民参与学习活动125.6万人次"})
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		_, err := e.Values.Import(ctx, coordA, hangzhou, 2017, &b)
		zh, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(zh, tt.zh) || !strings.Contains(en, tt.en) {
			t.Errorf("ledger headed %v: %q / %q, want %q and %q", tt.heading, zh, en, tt.zh, tt.en)
		}
	}
}
