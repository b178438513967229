package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestQuotesShowFullWidthPunctuation: a quote is kept as the stored text
// has it (its punctuation folded to ASCII) or as typed; the report, in
// DOCX and XLSX, shows it as the document wrote it, as the web does:
// 要求，各区、县（市）, not 要求,各区、县(市).
func TestQuotesShowFullWidthPunctuation(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "luru.txt", "杭州市要求,各区、县(市)开展学分银行录入工作,认定市民终身学习基地123个。")
	const claimQuote, valueQuote = "要求,各区、县(市)开展学分银行录入工作", "开展学分银行录入工作,认定市民终身学习基地123个"
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: valueQuote}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: claimQuote}}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	// Written with escapes: an editor may fold typed full-width marks.
	const claimShown = "要求\uFF0C各区、县\uFF08市\uFF09开展学分银行录入工作"
	const valueShown = "开展学分银行录入工作\uFF0C认定市民终身学习基地123个"

	if text, _, _ := docx(t, r); !strings.Contains(text, claimShown) || strings.Contains(text, claimQuote) {
		t.Errorf("DOCX shows the quote %q, want %q: %.600s", claimQuote, claimShown, text)
	}

	row, ok := padded(t, r)["2.2.1"]
	if !ok {
		t.Fatal("the XLSX has no row of 2.2.1")
	}
	source := row[6] // 数值出处
	if !strings.Contains(source, "“"+valueShown+"”") {
		t.Errorf("XLSX 数值出处 %q, want the quote as “%s”", source, valueShown)
	}
}

// TestDocxGivesTheValueAsWritten: the report's prose gives a value as its
// coordinator wrote it (12.3万人), not its bare number (123000人).
func TestDocxGivesTheValueAsWritten(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "全年存入学分银行的社会培训成果达12.3万人。")
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "12.3万", Unit: "人",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "社会培训成果达12.3万人"}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, "数值\uFF1A12.3万人") || strings.Contains(text, "123000") {
		t.Errorf("DOCX value: %.600s", text)
	}
}
