package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestClaimStatementInChinesePunctuation: a 定性描述 typed with ASCII
// punctuation (…（试行）》,建立学分银行制度.) is written in Chinese
// punctuation in the XLSX and the DOCX, as reviewers' reasons are; the
// probe saw the statement's , and . kept in both.
func TestClaimStatementInChinesePunctuation(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市印发《学分银行管理办法（试行）》，建立学分银行制度。")
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市印发《学分银行管理办法(试行)》,建立学分银行制度.",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行制度"}}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	const want = "杭州市印发《学分银行管理办法\uFF08试行\uFF09》\uFF0C建立学分银行制度\u3002"
	if got := strings.Join(padded(t, r)["2.3.1"], "|"); !strings.Contains(got, want) {
		t.Errorf("XLSX 2.3.1: %q, want the statement as %q", got, want)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, want) {
		t.Errorf("DOCX: want the statement as %q: %.3000s", want, text)
	}
}
