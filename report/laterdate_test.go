package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportMarksSourcesWrittenAfterTheRound: a 2017 claim and value
// citing a work summary written 2023-12-20 are warned of on the claim
// and values pages (成文于 2023-12-20，晚于本轮), but the round's report
// printed the date as any other (probe s43 observation 10). The XLSX and
// the DOCX mark the date, in Chinese and in English; a document written
// in the round is not marked.
func TestReportMarksSourcesWrittenAfterTheRound(t *testing.T) {
	e := testenv.New(t)
	dated := func(name, text, on string) *catalog.Document {
		t.Helper()
		d := e.Upload(hangzhou, name, text)
		if _, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{IssuedOn: &on}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	later := dated("杭州市2023年度社区教育工作总结.txt", "2017年成人年参与学习率达到85.3%。全年共举办342场市民大讲堂。", "2023-12-20")
	within := dated("杭州市2017年社区教育工作要点.txt", "认定市民终身学习基地123个。", "2017-03-01")
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: within.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "3.1.2", Statement: "全年共举办342场市民大讲堂",
		Citations: []claims.CitationInput{{DocumentID: later.ID, Page: 1, Quote: "全年共举办342场市民大讲堂"}}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang       report.Lang
		mark, fine string
	}{
		{report.Chinese, "2023-12-20\uFF08晚于本轮\uFF0C请核对是否属于本轮\uFF09", "2017-03-01\uFF08"},
		{report.English, "2023-12-20 (after round 2017, this round; check that it belongs to this round)", "2017-03-01 (after"},
	} {
		r.Lang = tt.lang
		rows := xlsxRows(t, r)
		if got := strings.Join(rows["3.1.2"], "\t"); !strings.Contains(got, tt.mark) {
			t.Errorf("%s XLSX 3.1.2 (a 2023 source in round 2017): %q, want %q", tt.lang, got, tt.mark)
		}
		if got := strings.Join(rows["2.2.1"], "\t"); !strings.Contains(got, "2017-03-01") || strings.Contains(got, tt.fine) {
			t.Errorf("%s XLSX 2.2.1 (a 2017 source): %q, want its date unmarked", tt.lang, got)
		}
		text, _, _ := docx(t, r)
		if !strings.Contains(text, tt.mark) {
			t.Errorf("%s DOCX does not mark the 2023 source's date with %q", tt.lang, tt.mark)
		}
		if !strings.Contains(text, "2017-03-01") || strings.Contains(text, tt.fine) {
			t.Errorf("%s DOCX marks the 2017 source's date", tt.lang)
		}
	}
}
