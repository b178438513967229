package coverage_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/coverage"
)

// TestIndicatorNameShown: a column or comparison row names its indicator
// as catalog.NameNow does, in each language, renamed or not.
func TestIndicatorNameShown(t *testing.T) {
	for _, tt := range []struct {
		name        string
		n           coverage.IndicatorName
		zh, english string
	}{
		{"renamed", coverage.IndicatorName{Code: "2.3.1", Name: "学分银行建役", NameEN: "Credit bank", Now: "建立学分银行制度", NowEN: "Credit bank system"},
			"学分银行建役（现名：建立学分银行制度）", "Credit bank (now: Credit bank system)"},
		{"not renamed", coverage.IndicatorName{Code: "2.3.2", Name: "市民学习卡", NameEN: "Learning card"}, "市民学习卡", "Learning card"},
		{"no English then", coverage.IndicatorName{Code: "2.3.3", Name: "学习档案"}, "学习档案", "学习档案"},
	} {
		if got := tt.n.Shown(false); got != tt.zh {
			t.Errorf("%s in Chinese: %q, want %q", tt.name, got, tt.zh)
		}
		if got := tt.n.Shown(true); got != tt.english {
			t.Errorf("%s in English: %q, want %q", tt.name, got, tt.english)
		}
		col := coverage.Column{IndicatorName: tt.n}
		row := coverage.CompareRow{IndicatorName: tt.n}
		if col.Shown(true) != row.Shown(true) || col.Shown(false) != row.Shown(false) {
			t.Errorf("%s: a column and a comparison row name it differently", tt.name)
		}
	}
}

// TestNamedThen: a compared round's cell says what the round called the
// indicator only when that was another name: not for a round following
// the framework, not for the same name, and not, in English, for a
// Chinese name unchanged that the round kept no English name for.
func TestNamedThen(t *testing.T) {
	row := coverage.CompareRow{IndicatorName: coverage.IndicatorName{Code: "2.3.1", Name: "建立学分银行制度", NameEN: "Credit bank system"}}
	for _, tt := range []struct {
		name        string
		cell        coverage.RoundCell
		zh, english string
	}{
		{"follows the framework", coverage.RoundCell{Round: 2019}, "", ""},
		{"renamed since", coverage.RoundCell{Round: 2018, Name: "学分银行建役", NameEN: "Credit bank"}, "学分银行建役", "Credit bank"},
		{"renamed, no English then", coverage.RoundCell{Round: 2018, Name: "学分银行建役"}, "学分银行建役", "学分银行建役"},
		{"same names", coverage.RoundCell{Round: 2018, Name: "建立学分银行制度", NameEN: "Credit bank system"}, "", ""},
		{"same name, no English then", coverage.RoundCell{Round: 2018, Name: "建立学分银行制度"}, "", ""},
		{"same name, English then", coverage.RoundCell{Round: 2018, Name: "建立学分银行制度", NameEN: "Credit banking"}, "", "Credit banking"},
	} {
		r := row
		r.Rounds = []coverage.RoundCell{tt.cell}
		if got := r.NamedThen(0, false); got != tt.zh {
			t.Errorf("%s in Chinese: %q, want %q", tt.name, got, tt.zh)
		}
		if got := r.NamedThen(0, true); got != tt.english {
			t.Errorf("%s in English: %q, want %q", tt.name, got, tt.english)
		}
	}
	if got := row.NamedThen(3, true); got != "" {
		t.Errorf("a round not compared: %q", got)
	}
}

// TestXLSXNamesAPastRoundsRenamedIndicator: the coverage spreadsheet of a
// past round (evidence coverage --round 2018 --xlsx) names an indicator
// renamed since 旧名（现名：新名）, in English "old (now: new)", and one
// not renamed by its name alone.
func TestXLSXNamesAPastRoundsRenamedIndicator(t *testing.T) {
	m := &coverage.Matrix{Round: 2018, NamesKept: true, Indicators: []coverage.Column{
		{IndicatorName: coverage.IndicatorName{Code: "2.3.1", Name: "学分银行建役", NameEN: "Credit bank", Now: "建立学分银行制度", NowEN: "Credit bank system"}, Kind: "qualitative"},
		{IndicatorName: coverage.IndicatorName{Code: "2.3.2", Name: "市民学习卡", NameEN: "Learning card"}, Kind: "qualitative"},
	}}
	for _, tt := range []struct {
		english bool
		b2, b3  string
	}{
		{false, "学分银行建役（现名：建立学分银行制度）", "市民学习卡"},
		{true, "Credit bank (now: Credit bank system)", "Learning card"},
	} {
		data, err := m.XLSX(tt.english)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetName(0)
		b2, _ := f.GetCellValue(sheet, "B2")
		b3, _ := f.GetCellValue(sheet, "B3")
		f.Close()
		if b2 != tt.b2 || b3 != tt.b3 {
			t.Errorf("English %v: B2 %q, B3 %q; want %q, %q", tt.english, b2, b3, tt.b2, tt.b3)
		}
	}
}
