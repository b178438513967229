package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportTellsAClaimWasContradictedLastRound: 杭州's 2017 claim
// 学分银行开户学习者达到2万人, found 与证据矛盾, carried into 2018 and
// confirmed there (已核对，仍沿用): its 2018 copy is 待审核 with no review
// of its own, and the 2018 report (XLSX, DOCX, English) writes after it
// that last round's verdict was 与证据矛盾; a claim verified last round
// gets no such mark.
func TestReportTellsAClaimWasContradictedLastRound(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市学分银行累计开户学习者12000人，建立学分银行。")
	testenv.CarryContradicted(t, e.Claims, e.Values, coord, testenv.Admin, hangzhou, d.ID)
	items, _, err := e.Values.CarriedItems(ctx, coord, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if _, err := e.Values.DecideChecked(ctx, coord, it.ID, "confirm", true); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	rows := padded(t, r)
	if got := rows["2.3.1"][7]; got != "学分银行开户学习者达到2万人【待审核】"+report.PreviousContradicted {
		t.Errorf("2.3.1's claim, contradicted in 2017: %q, want 【待审核】%s", got, report.PreviousContradicted)
	}
	if got := rows["2.3.2"][7]; got != "学分银行开户学习者达到1.2万人【待审核】" {
		t.Errorf("2.3.2's claim, verified in 2017: %q, want only 【待审核】", got)
	}
	text, _, _ := docx(t, r)
	if want := "学分银行开户学习者达到2万人【待审核】（上一轮：与证据矛盾）"; !strings.Contains(text, want) {
		t.Errorf("DOCX lacks %q:\n%s", want, text)
	}
	r.Lang = report.English
	if got := padded(t, r)["2.3.1"][7]; !strings.Contains(got, "[Pending review] (last round: contradicted by evidence)") {
		t.Errorf("English 2.3.1: %q, want the last round's verdict", got)
	}
}

// TestReportTellsAValueWasContradictedLastRound: 杭州's 2017 value of
// 2.3.3 (2万人, the document says 12000人) found 与证据矛盾, carried into
// 2018, waiting there for its coordinator: the 2018 report writes
// （上一轮：与证据矛盾） on its row; once the coordinator records 2.3.3 again
// (12000人, the carry-over updated), the value is no longer the one
// carried and the mark goes.
func TestReportTellsAValueWasContradictedLastRound(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市学分银行累计开户学习者12000人。")
	record := func(round int, value string) string {
		t.Helper()
		v, err := e.Values.Record(ctx, coord, values.Input{Round: round, Indicator: "2.3.3", Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学分银行累计开户学习者12000人"}})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	if _, err := e.Values.Review(ctx, testenv.Admin, record(2017, "2万"), "contradicted", "原文为12000人"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, coord, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	row := func() string {
		t.Helper()
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(xlsxRows(t, r)["2.3.3"], "\t")
	}
	if got := row(); !strings.Contains(got, report.PreviousContradicted) {
		t.Errorf("2.3.3's value, contradicted in 2017: %q, want %s", got, report.PreviousContradicted)
	}
	record(2018, "12000")
	if got := row(); strings.Contains(got, report.PreviousContradicted) {
		t.Errorf("2.3.3 recorded again in 2018: %q, want no %s", got, report.PreviousContradicted)
	}
}
