package report

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestReportSaysRoughValuesAndShowsDocNumbers: a value that is the bound
// of a 约数 in its quote is said to be written roughly, not “not found”;
// one not in its quote at all still is; a 文号 typed with ASCII brackets
// is shown with 〔〕, a guess marked after it.
func TestReportSaysRoughValuesAndShowsDocNumbers(t *testing.T) {
	value := func(number float64, quote string) *catalog.Value {
		return &catalog.Value{Number: number, Given: "", Unit: "册/人",
			Citation: catalog.Citation{Quote: quote, QuoteFound: true}}
	}
	tests := []struct {
		name string
		lang Lang
		v    *catalog.Value
		want string
	}{
		{"约数", Chinese, value(5000, "放置图书5000余册"), "（原文写的是约数“5000余”，不是确切的这个数值）"},
		{"约数英文", English, value(5000, "放置图书5000余册"), " (the source text writes it only roughly: “5000余”)"},
		{"没有的数值", Chinese, value(6000, "放置图书5000余册"), "（原文中未找到该数值）"},
	}
	for _, tt := range tests {
		r := &Report{Lang: tt.lang}
		if got := r.notFound(tt.v); got != tt.want {
			t.Errorf("%s: notFound = %q, want %q", tt.name, got, tt.want)
		}
	}
	numbers := []struct {
		e    Evidence
		want string
	}{
		{Evidence{DocNumber: "杭教职成[2017]9号"}, "杭教职成〔2017〕9号"},
		{Evidence{DocNumber: "杭教发(2018)125号", DocNumberGuessed: true}, "杭教发〔2018〕125号" + catalog.DocNumberGuessMark.Chinese},
		{Evidence{}, ""},
	}
	for _, tt := range numbers {
		if got := tt.e.docNumber(Chinese); got != tt.want {
			t.Errorf("docNumber(%q) = %q, want %q", tt.e.DocNumber, got, tt.want)
		}
	}
}
