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

// TestReportMarksWhatIsStillToConfirm: 杭州's 2017 values, claim and link
// carried into 2018, where the coordinator confirmed only 2.2.1's value:
// the 2018 report (XLSX and DOCX, Chinese and English) shows 2.2.1 as this
// round's, and the rest as 待确认 — status, value, claim and document
// marked (沿用上一轮，待确认), the previous-round column not saying the
// unconfirmed number held steady — as the round comparison shows it; the
// confirmed one is 2017's figure kept (沿用2017年度数值), not 本轮持平.
func TestReportMarksWhatIsStillToConfirm(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", "杭州市认定市民终身学习基地48个，存入学分银行的社会培训成果13万人，建立学分银行。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	record := func(code, value, quote string) *catalog.Value {
		t.Helper()
		v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s: %v", code, err)
		}
		return v
	}
	sites := record("2.2.1", "48", "认定市民终身学习基地48个")
	record("2.3.3", "13万", "存入学分银行的社会培训成果13万人")
	if _, err := e.Values.Review(ctx, testenv.Admin, sites.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, coord, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	items, _, err := e.Values.CarriedItems(ctx, coord, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Kind == catalog.CarryValue && it.Indicator == "2.2.1" {
			if _, err := e.Values.Decide(ctx, coord, it.ID, "confirm"); err != nil {
				t.Fatal(err)
			}
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}

	rows := padded(t, r)
	if got := rows["2.2.1"]; got[3] != report.Present || strings.Contains(strings.Join(got, "|"), "待确认") ||
		got[9] != "2017年度：48个（沿用2017年度数值）" {
		t.Errorf("2.2.1, confirmed: %q, want 有证据, 2017's figure kept, nothing 待确认", got)
	}
	if got := rows["2.3.3"]; got[3] != report.ToConfirm || !strings.Contains(got[6], report.CarriedMark) ||
		got[9] != "2017年度：13万人（沿用至本轮，待确认）" {
		t.Errorf("2.3.3, not confirmed: %q, want 待确认, its value marked %s and not compared", got, report.CarriedMark)
	}
	if got := rows["2.3.1"]; got[3] != report.ToConfirm || got[7] != "杭州市建立了学分银行【待审核】"+report.CarriedMark ||
		!strings.HasPrefix(got[8], "《tongji》"+report.CarriedMark) {
		t.Errorf("2.3.1, claim and link not confirmed: %q, want 待确认, the claim and the document marked", got)
	}

	text, _, _ := docx(t, r)
	for _, want := range []string{"状态：待确认  数值：13万人【待审核】（沿用上一轮，待确认）  上一轮数值：2017年度：13万人（沿用至本轮，待确认）",
		"杭州市建立了学分银行【待审核】（沿用上一轮，待确认）", "tongji（沿用上一轮，待确认）", "状态：有证据  数值：48个【待审核】  上一轮数值：2017年度：48个（沿用2017年度数值）"} {
		if !strings.Contains(text, want) {
			t.Errorf("2018 DOCX lacks %q: %.3000s", want, text)
		}
	}

	r.Lang = report.English
	if got := padded(t, r)["2.3.3"]; got[3] != "Carried over, to confirm" || !strings.Contains(got[9], "carried into this round, to confirm") {
		t.Errorf("English 2.3.3: %q, want Carried over, to confirm", got)
	}
}

// padded is xlsxRows with ten cells a row, the empty ones too.
func padded(t *testing.T, r *report.Report) map[string][]string {
	t.Helper()
	rows := xlsxRows(t, r)
	for code, row := range rows {
		for len(row) < 10 {
			row = append(row, "")
		}
		rows[code] = row
	}
	return rows
}

// TestReportVerdictOutranksACarriedLink: 杭州's 2018 claim of 2.3.1 is
// judged 证据不足 before a 2017 link to 2.3.1 is carried into 2018 and
// left 待确认. The 2018 report's status is the reviewer's verdict (证据不足,
// "Insufficient evidence" in English), as coverage counts it, with the
// carried document still marked (沿用上一轮，待确认) beside it; the probe
// saw 状态：待确认.
func TestReportVerdictOutranksACarriedLink(t *testing.T) {
	e := testenv.New(t)
	e.JudgedBesideACarriedLink(t, hangzhou, coord, testenv.Admin, map[string]string{"2.3.1": "insufficient"})
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if got := padded(t, r)["2.3.1"]; got[3] != report.Insufficient || !strings.Contains(got[8], report.CarriedMark) {
		t.Errorf("2.3.1 judged 证据不足 with a carried link: %q, want status 证据不足 and the document marked %s", got, report.CarriedMark)
	}
	text, _, _ := docx(t, r)
	if !strings.Contains(text, "状态：证据不足") || strings.Contains(text, "状态：待确认") {
		t.Errorf("DOCX: want 状态：证据不足, not 待确认: %.3000s", text)
	}
	r.Lang = report.English
	if got := padded(t, r)["2.3.1"]; got[3] == "Carried over, to confirm" || !strings.Contains(got[3], "nsufficient") {
		t.Errorf("English 2.3.1: %q, want the verdict Insufficient evidence", got)
	}
}
