package values_test

import (
	"bytes"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
	"github.com/lcmonitor/evidence/values"
)

// uploadCreditBankLedger uploads the probe's 学分银行台账.xlsx: a row per
// district and the total, each page line reading 上城区 | 45 | 52 | 3200 | 38.5.
func uploadCreditBankLedger(t *testing.T, e *testenv.Env) *catalog.Document {
	t.Helper()
	return e.Upload(hangzhou, "学分银行台账.xlsx", string(xlsxtest.Rows(t, xlsxtest.CreditBankLedger...)))
}

func TestRecordAValueQuotedFromASpreadsheetRow(t *testing.T) {
	e := testenv.New(t)
	d := uploadCreditBankLedger(t, e)
	tests := []struct {
		indicator, value, quote string
		quoteFound, valueFound  bool
	}{
		{"2.3.3", "3200", "上城区 | 45 | 52 | 3200", true, true},
		{"2.3.3", "3200", "上城区 45 52 3200", true, true},
		{"2.3.3", "3200", "3200", true, true},
		{"2.3.3", "12000", "合计 | 203 | 253 | 12000", true, true},
		{"2.3.3", "12000", "合计\t203\t253\t12000", true, true},
		{"2.2.1", "45", "上城区 45", true, true},
		{"2.2.1", "45", "45", true, true},
		{"4.1.2", "38.5%", "38.5", true, true},
		// 45 is in no cell of 西湖区's row: not across 4 | 5 nor in 453.
		{"2.2.1", "45", "西湖区 | 45", false, false},
		{"2.2.1", "45", "西湖区 4 5 45", false, false},
		{"2.3.3", "4552", "上城区 4552", false, false},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Fatalf("record %s %s citing %q: %v", tt.indicator, tt.value, tt.quote, err)
		}
		c := v.Citation
		if c.QuoteFound != tt.quoteFound || tt.quoteFound && c.FoundOnPage != 1 || v.ValueFound != tt.valueFound {
			t.Errorf("record %s %s citing %q: quote_found %v on page %d, value_found %v; want %v, %v", tt.indicator, tt.value, tt.quote,
				c.QuoteFound, c.FoundOnPage, v.ValueFound, tt.quoteFound, tt.valueFound)
		}
	}
}

func TestImportALedgerRowQuotingASpreadsheetRow(t *testing.T) {
	e := testenv.New(t)
	d := uploadCreditBankLedger(t, e)
	ledger := xlsxtest.Rows(t,
		[]any{"指标编码", "数值", "单位", "文档编号", "页码", "引文"},
		[]any{"2.3.3", "12000", "人", d.ID, 1, "合计 | 203 | 253 | 12000"},
		[]any{"2.2.1", "45", "个", d.ID, 1, "上城区 45"})
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(ledger))
	if err != nil {
		t.Fatalf("import a ledger quoting 合计 | 203 | 253 | 12000: %v", err)
	}
	if len(vs) != 2 {
		t.Fatalf("import: %d values, want 2", len(vs))
	}
	for _, v := range vs {
		if !v.Citation.QuoteFound || v.Citation.FoundOnPage != 1 || !v.ValueFound {
			t.Errorf("imported %s %v citing %q: quote_found %v on page %d, value_found %v; want found on page 1",
				v.Indicator, v.Number, v.Citation.Quote, v.Citation.QuoteFound, v.Citation.FoundOnPage, v.ValueFound)
		}
		// The row is not warned of a quote not in the document.
		if len(v.Warnings) > 0 {
			t.Errorf("imported %s citing %q: warned %v, want no warning", v.Indicator, v.Citation.Quote, v.Warnings)
		}
	}
}
