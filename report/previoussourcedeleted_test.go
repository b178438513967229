package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportDoesNotCompareWithAValueWhoseSourceWasDeleted: 杭州's 2017
// 成人年参与学习率 cites only 2017年统计公报, deleted since, so the 2017
// report says 【出处已删除，缺少佐证】. The 2018 report shows the 2017
// number but says it is not compared, never 本轮提高 0.8个百分点 (probe
// s48 #6), in Chinese and in English.
func TestReportDoesNotCompareWithAValueWhoseSourceWasDeleted(t *testing.T) {
	e := testenv.New(t)
	old := e.Upload(hangzhou, "2017年统计公报.txt", "2017年全市成人年参与学习率为32.5%。")
	now := e.Upload(hangzhou, "2018年统计公报.txt", "2018年全市成人年参与学习率为33.3%。")
	for _, in := range []values.Input{
		{Round: 2017, Indicator: "5.1.1", Value: values.Written("32.5%"),
			Citation: claims.CitationInput{DocumentID: old.ID, Page: 1, Quote: "2017年全市成人年参与学习率为32.5%"}},
		{Round: 2018, Indicator: "5.1.1", Value: values.Written("33.3%"),
			Citation: claims.CitationInput{DocumentID: now.ID, Page: 1, Quote: "2018年全市成人年参与学习率为33.3%"}},
	} {
		if _, err := e.Values.Record(ctx, coord, in); err != nil {
			t.Fatalf("record %d: %v", in.Round, err)
		}
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, old.ID); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := docx(t, r)
	if want := "2017年度：32.5%（上一轮数值的出处已删除，不作比较）"; !strings.Contains(text, want) {
		t.Errorf("2018 DOCX lacks %q: %.3000s", want, text)
	}
	if strings.Contains(text, "本轮提高") {
		t.Errorf("2018 DOCX compares with a value whose source was deleted: %.3000s", text)
	}
	r.Lang = report.English
	text, _, _ = docx(t, r)
	if want := "Round 2017: 32.5% (the previous round's value lost its source; not compared)"; !strings.Contains(text, want) {
		t.Errorf("English 2018 DOCX lacks %q: %.3000s", want, text)
	}
}
