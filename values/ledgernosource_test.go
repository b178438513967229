package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerRowWithoutADocumentNamesTheColumns: a ledger row that names
// no document is refused in a ledger's words — which columns to fill in
// (文档编号、文号、文件名、标题), in Chinese and English — not the web
// form's 请选择引用的文档, which the probe saw on row 3.
func TestLedgerRowWithoutADocumentNamesTheColumns(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行台账.txt", "存入学分银行的社会培训成果12000人，认定市民终身学习基地48个。")
	_, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, [][]any{
		{"指标编码", "数值", "单位", "文档编号", "文号", "页码", "引文"},
		{"2.3.3", "12000", "人", d.ID, "", 1, "存入学分银行的社会培训成果12000人"},
		{"2.2.1", "48", "个", "", "", 1, "认定市民终身学习基地48个"},
	}))
	zh := catalog.MessageIn(err, false)
	en := catalog.MessageIn(err, true)
	if !strings.Contains(zh, "第 3 行\uFF1A请在“文档编号”“文号”“文件名”或“标题”列中填写引用的文档") || strings.Contains(zh, "请选择") {
		t.Errorf("row 3 without a document: %q, want 第 3 行 naming the columns to fill in", zh)
	}
	if !strings.Contains(en, "Row 3: Name the cited document in one of the columns 文档编号 (document_id), 文号 (doc_number), 文件名 (filename) or 标题 (title)") {
		t.Errorf("row 3 without a document in English: %q", en)
	}
}
