package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerMessageNamesFilesAsUploaded: the documents a ledger's source
// cell matches several of are listed with their titles and file names as
// they were written: only the message's own punctuation is made
// full-width, not the '.' nor the parentheses of a file name (review pfix
// #3: 方案.定稿.txt was listed as 方案。定稿.txt).
func TestLedgerMessageNamesFilesAsUploaded(t *testing.T) {
	e := testenv.New(t)
	title := "学分银行方案(定稿)"
	for i, name := range []string{"学分银行方案.定稿.txt", "学分银行方案(定稿).txt"} {
		if _, err := e.Documents.Edit(ctx, testenv.Admin, e.Upload(hangzhou, name, ledgerPage+strings.Repeat("（附件）", i)).ID, catalog.DocumentPatch{Title: &title}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, [][]any{
		{"指标编码", "数值", "单位", "标题", "页码", "引文"},
		{"2.3.3", "12.3万", "人", title, 1, "社会培训成果达12.3万人"},
	}))
	msg := catalog.ErrorMessage(err)
	for _, want := range []string{"《学分银行方案(定稿)》\uFF08文号", "文件 学分银行方案.定稿.txt\uFF0C", "文件 学分银行方案(定稿).txt\uFF0C"} {
		if !strings.Contains(msg, want) {
			t.Errorf("ledger message lacks %q:\n%s", want, msg)
		}
	}
}
