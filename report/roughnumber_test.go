package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportSaysARoughNumber: a value found within a rough number (12万
// in 十多万人) is reported with that number said to be 约数, in the XLSX
// and the DOCX, in English too; a value its passage writes exactly (123
// in 123个) has no such note.
func TestReportSaysARoughNumber(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "全年存入学分银行的社会培训成果达十多万人，认定市民终身学习基地123个。\n\n学习中心\u300012\u3000120所\n\n")
	for _, in := range []struct{ code, value, quote string }{
		{"2.3.3", "12万", "社会培训成果达十多万人"},
		{"2.2.1", "123", "认定市民终身学习基地123个"},
		{"1.2.3", "120", "学习中心12 120所"},
	} {
		if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: in.code, Value: values.Written(in.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: in.quote}}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFF08原文中的“十多万”是约数，该数值在其范围内\uFF09"
	seen := map[string]string{}
	for code, row := range padded(t, r) {
		seen[code] = row[6] // 数值出处
	}
	if !strings.Contains(seen["2.3.3"], want) {
		t.Errorf("XLSX 数值出处 of 2.3.3: %q, want %q", seen["2.3.3"], want)
	}
	if c, ok := seen["2.2.1"]; !ok || strings.Contains(c, "约数") {
		t.Errorf("XLSX 数值出处 of 2.2.1 (123 in 123个): %q, want no 约数", c)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, want) {
		t.Errorf("DOCX lacks %q: %.800s", want, text)
	}
	// Digits the stored text parts by a space (a table row's 12 and 120,
	// or 12120) are named both ways, as on the reviewer's card.
	spaced := "\uFF08引文中的“12 120”可能是千位以空格分组的12120，也可能是表格中相邻的12和120；请核对\uFF09"
	if !strings.Contains(seen["1.2.3"], spaced) {
		t.Errorf("XLSX 数值出处 of 1.2.3 (120 in 学习中心12 120所): %q, want %q", seen["1.2.3"], spaced)
	}
	r.Lang = report.English
	if text, _, _ := docx(t, r); !strings.Contains(text, "(within “十多万”, a rough number in the source text)") ||
		!strings.Contains(text, "12120 with its thousands grouped by a space, or 12 and 120 side by side") {
		t.Errorf("English DOCX lacks the rough number or the spaced digits' note: %.1500s", text)
	}
}

// TestReportNamesAQualifiedFigure: 10万 recorded from “学分银行累计开户人数
// 突破10万人” is no exact figure: the report's 数值出处 says the source text
// writes the 约数 突破10万, qualifier and all, in the XLSX and the DOCX
// (probe s40 #7: it was reported as the exact 10万人).
func TestReportNamesAQualifiedFigure(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "学分银行累计开户人数突破10万人，市民参与学习活动10万人次以上。")
	for _, in := range []struct{ code, value, quote string }{
		{"2.3.3", "10万", "学分银行累计开户人数突破10万人"},
		{"3.1.3", "10.5", "市民参与学习活动10万人次以上"},
	} {
		if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: in.code, Value: values.Written(in.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: in.quote}}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	rows := padded(t, r)
	text, _, _ := docx(t, r)
	for code, want := range map[string]string{
		"2.3.3": "\uFF08原文写的是约数“突破10万”\uFF0C不是确切的这个数值\uFF09",
		"3.1.3": "\uFF08原文中的“10万人次以上”是约数，该数值在其范围内\uFF09",
	} {
		if !strings.Contains(rows[code][6], want) {
			t.Errorf("XLSX 数值出处 of %s: %q, want %q", code, rows[code][6], want)
		}
		if !strings.Contains(text, want) {
			t.Errorf("DOCX lacks %q: %.1500s", want, text)
		}
	}
}
