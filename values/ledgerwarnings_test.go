package values_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestLedgerRowsSayWhatTheyFoundAndReplaced: 杭州 recorded 2.3.3 for 2017
// (12000人, its quote found in policy.txt); a ledger then gives 2.3.3 as
// 1.2万 quoting 学分银行累计开户学习者达到1.2万人, words the document does
// not have (it says 12000人). The import goes through, but its row says
// the quote is not in the cited document and which value it replaced
// (12000人 → 1.2万人), in Chinese and English; a row whose quote is found
// and that replaces nothing says nothing.
func TestLedgerRowsSayWhatTheyFoundAndReplaced(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "policy.txt", "杭州市学分银行累计开户学习者12000人，成人年参与学习率为56.5%。")
	if _, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.3.3", Value: "12000",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者12000人"}}); err != nil {
		t.Fatal(err)
	}
	ledger := [][]any{
		{"指标编码", "数值", "单位", "文档编号", "页码", "引文"},
		{"5.1.1", "56.5", "%", d.ID, 1, "成人年参与学习率为56.5%"},
		{"2.3.3", "1.2万", "人", d.ID, 1, "学分银行累计开户学习者达到1.2万人"},
	}
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, ledger))
	if err != nil || len(vs) != 2 {
		t.Fatalf("import: %v, %v", vs, err)
	}
	if len(vs[0].Warnings) != 0 {
		t.Errorf("row 2, quote found, nothing replaced: warnings %v, want none", vs[0].Warnings)
	}
	var zh, en []string
	for _, w := range vs[1].Warnings {
		zh, en = append(zh, w.Chinese), append(en, w.English)
	}
	for _, want := range []string{"第 3 行：所引文档中未找到该引文（请核对页码或原文）", "第 3 行：替换了本轮原有的数值：12000人 → 1.2万人"} {
		if !strings.Contains(strings.Join(zh, "\n"), want) {
			t.Errorf("row 3's warnings %q lack %q", zh, want)
		}
	}
	for _, want := range []string{"Row 3: The quote is not in the cited document", "Row 3: Replaced the round's earlier value: 12000人 → 1.2万人"} {
		if !strings.Contains(strings.Join(en, "\n"), want) {
			t.Errorf("row 3's English warnings %q lack %q", en, want)
		}
	}

	// The same ledger again changes nothing: nothing to say but the
	// missing quote. Once 5.1.1 is verified, the same ledger keeps the
	// verdict (probe s41 finding 1); a ledger citing another passage for
	// it says the import sends it back to 待审核.
	again, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, ledger))
	if err != nil || len(again) != 2 {
		t.Fatalf("import again: %v, %v", again, err)
	}
	for _, v := range again {
		for _, w := range v.Warnings {
			if strings.Contains(w.Chinese, "替换") {
				t.Errorf("the same ledger again: %s warns %q, want no replacement", v.Indicator, w.Chinese)
			}
		}
	}
	if _, err := e.Values.Review(ctx, testenv.Admin, again[0].ID, "verified", "属实"); err != nil {
		t.Fatal(err)
	}
	again, err = e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, ledger))
	if err != nil || len(again) != 2 {
		t.Fatalf("import a third time: %v, %v", again, err)
	}
	if !again[0].Unchanged || again[0].Status != "verified" || len(again[0].Warnings) != 0 {
		t.Errorf("re-importing the verified 5.1.1 as it is: unchanged %v, %s, warnings %+v; want unchanged, still verified, no warning",
			again[0].Unchanged, again[0].Status, again[0].Warnings)
	}
	ledger[1][5] = "成人年参与学习率为56.5%。"
	again, err = e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, ledger))
	if err != nil || len(again) != 2 {
		t.Fatalf("import with another quote: %v, %v", again, err)
	}
	if len(again[0].Warnings) != 1 || again[0].Warnings[0].Chinese != "第 2 行：本轮原有的数值 56.5% 已经审核，重新导入后回到待审核" ||
		again[0].Warnings[0].English != "Row 2: The round's value 56.5% had been reviewed; imported again, it is pending review again" {
		t.Errorf("re-importing the verified 5.1.1 with another quote: warnings %+v, want that it is 待审核 again", again[0].Warnings)
	}
}

// ledgerXLSX is a ledger workbook of rows on its first sheet.
func ledgerXLSX(t *testing.T, rows [][]any) *bytes.Reader {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}
