package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

const (
	weekThen = "举办全民终身学习活动周（学习节）"
	weekNow  = "举办全民终身学习活动周及学习成果展示"
)

var round2018 = "2018"

// revised is the current framework with 3.1.1 renamed and 3.1.2 gone, as
// the framework revised after a round (试行 → 修订) has it.
func revised(t *testing.T, e *testenv.Env) ([]byte, catalog.Framework) {
	t.Helper()
	table, fw := currentWith(t, e, func(inds []catalog.Indicator) []catalog.Indicator {
		var out []catalog.Indicator
		for _, ind := range inds {
			switch ind.Code {
			case "3.1.1":
				ind.Name, ind.Info = weekNow, "活动方案、总结、成果展示材料"
			case "3.1.2":
				continue
			}
			out = append(out, ind)
		}
		return out
	})
	return table, catalog.Framework{ID: fw.ID, Name: fw.Name + "（修订）", Version: "2019"}
}

// currentWith is the current framework's indicators as edit changes them,
// as the CSV table an admin imports, and the current framework.
func currentWith(t *testing.T, e *testenv.Env, edit func([]catalog.Indicator) []catalog.Indicator) ([]byte, *catalog.Framework) {
	t.Helper()
	fw, inds, err := e.Catalog.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	table, err := framework.ExportCSV(edit(inds))
	if err != nil {
		t.Fatal(err)
	}
	return table, fw
}

// claimOf2018 uploads a document of 杭州 put in round 2018 and claims
// statement on indicator code in 2018, citing quote on its first page.
func claimOf2018(t *testing.T, e *testenv.Env, name, text, code, statement, quote string) {
	t.Helper()
	d := e.Upload(hangzhou, name, text)
	if _, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Round: &round2018}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: code, Statement: statement,
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}}); err != nil {
		t.Fatal(err)
	}
}

// makeRevisedCurrent makes round 2019 current and imports the revised
// framework for it.
func makeRevisedCurrent(t *testing.T, e *testenv.Env) {
	t.Helper()
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	table, meta := revised(t, e)
	if _, err := e.Framework.Import(ctx, testenv.Admin, "2019.csv", table, meta); err != nil {
		t.Fatal(err)
	}
}

// item finds code among r's key indicators.
func item(t *testing.T, r *report.Report, code string) (report.Area, report.Item) {
	t.Helper()
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code == code {
				return a, it
			}
		}
	}
	t.Fatalf("round %d report has no %s", r.Round, code)
	return report.Area{}, report.Item{}
}

// TestRoundKeepsItsIndicatorNames: 杭州 reported 3.1.1 under its 2018
// name; round 2019 is made current and the revised framework renames
// 3.1.1 and drops 3.1.2. 2018's report names 3.1.1 as 2018 did, with
// today's name beside it (现名), and keeps 3.1.2 in its area; 2019's
// report and today's framework use the new names.
func TestRoundKeepsItsIndicatorNames(t *testing.T) {
	e := testenv.New(t)
	claimOf2018(t, e, "huodongzhou.txt", "2018年杭州市举办全民终身学习活动周。", "3.1.1", "杭州市2018年举办全民终身学习活动周", "举办全民终身学习活动周")
	makeRevisedCurrent(t, e)

	svc := report.NewService(e.Catalog)
	r18, err := svc.Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if !r18.Kept || strings.Contains(r18.Framework, "修订") {
		t.Errorf("2018 report: kept %v, framework %q; want 2018's framework, not the revision", r18.Kept, r18.Framework)
	}
	_, it := item(t, r18, "3.1.1")
	if it.Indicator.Name != weekThen || it.Now.Name != weekNow || len(it.Claims) != 1 {
		t.Errorf("2018's 3.1.1 named %q (now %q) with %d claims; want %q, now %q, 1 claim", it.Indicator.Name, it.Now.Name, len(it.Claims), weekThen, weekNow)
	}
	if a, _ := item(t, r18, "3.1.2"); a.Code != "3" {
		t.Errorf("2018's 3.1.2 in area %s %s, want 3 (it was in 2018's framework)", a.Code, a.Name)
	}
	want := "3.1.1 " + weekThen + "\uFF08现名\uFF1A" + weekNow + "\uFF09"
	if text, headings, _ := docx(t, r18); !headings[want] {
		t.Errorf("2018 DOCX lacks the heading %q: %.600s", want, text)
	}
	if row := xlsxRows(t, r18)["3.1.1"]; len(row) < 2 || row[1] != weekThen+"\uFF08现名\uFF1A"+weekNow+"\uFF09" {
		t.Errorf("2018 XLSX 3.1.1 row %q, want 2018's name with 现名", row)
	}
	r18.Lang = report.English
	if row := xlsxRows(t, r18)["3.1.1"]; len(row) < 2 || !strings.Contains(row[1], " (now: ") {
		t.Errorf("2018 English XLSX 3.1.1 row %q, want (now: …)", row)
	}

	r19, err := svc.Build(ctx, testenv.Admin, hangzhou, 2019)
	if err != nil {
		t.Fatal(err)
	}
	if _, it := item(t, r19, "3.1.1"); it.Indicator.Name != weekNow || it.Now.Code != "" || r19.Kept {
		t.Errorf("2019's 3.1.1 named %q (now %q, kept %v); want the current name alone", it.Indicator.Name, it.Now.Name, r19.Kept)
	}
	if ind, err := e.Catalog.Indicator(ctx, "3.1.1"); err != nil || ind.Name != weekNow {
		t.Errorf("today's 3.1.1: %v %v, want %q", ind, err, weekNow)
	}
	rounds, err := e.Framework.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range rounds {
		if want := rd.Year == 2018; rd.NamesKept != want {
			t.Errorf("round %d NamesKept %v, want %v (only the round left by 2019 keeps its names)", rd.Year, rd.NamesKept, want)
		}
	}
}

// TestImportForNextRoundKeepsTheCurrentRoundsNames: the revised framework
// arrives while 2018 is still current. Imported for the next round, 2018
// keeps its names; imported plainly, as a correction, the current round
// takes the new ones.
func TestImportForNextRoundKeepsTheCurrentRoundsNames(t *testing.T) {
	for _, next := range []bool{true, false} {
		e := testenv.New(t)
		table, meta := revised(t, e)
		imp := e.Framework.Import
		if next {
			imp = e.Framework.ImportForNextRound
		}
		rep, err := imp(ctx, testenv.Admin, "2019.csv", table, meta)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 2018}[next]; rep.KeptRound != want {
			t.Errorf("next round %v: kept round %d, want %d", next, rep.KeptRound, want)
		}
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
		if err != nil {
			t.Fatal(err)
		}
		_, it := item(t, r, "3.1.1")
		want, now := weekNow, ""
		if next {
			want, now = weekThen, weekNow
		}
		if it.Indicator.Name != want || it.Now.Name != now {
			t.Errorf("next round %v: 2018's 3.1.1 named %q (now %q), want %q (now %q)", next, it.Indicator.Name, it.Now.Name, want, now)
		}
	}
}

// TestReportUsesACorrectedKeptName: 2018 kept 3.1.1 with a typo
// (活动周（学习节 without its bracket closed, as imported); the admin
// corrects it after 2019's revision. 2018's report (XLSX and DOCX) names
// 3.1.1 as corrected, today's name beside it; 2019's is untouched.
func TestReportUsesACorrectedKeptName(t *testing.T) {
	e := testenv.New(t)
	const typo = "举办全民终身学习活动周（学习节"
	table, _ := currentWith(t, e, func(inds []catalog.Indicator) []catalog.Indicator {
		for i := range inds {
			if inds[i].Code == "3.1.1" {
				inds[i].Name = typo
			}
		}
		return inds
	})
	if _, err := e.Framework.Import(ctx, testenv.Admin, "2018.csv", table, catalog.Framework{}); err != nil {
		t.Fatal(err)
	}
	makeRevisedCurrent(t, e)
	corrected := weekThen
	c, err := e.Framework.CorrectRoundNames(ctx, testenv.Admin, 2018, "3.1.1", catalog.RoundNameEdit{Name: &corrected})
	if err != nil || c.Old != typo {
		t.Fatalf("correct 2018's 3.1.1: %+v %v", c, err)
	}
	svc := report.NewService(e.Catalog)
	r18, err := svc.Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	want := weekThen + "\uFF08现名\uFF1A" + weekNow + "\uFF09"
	if row := xlsxRows(t, r18)["3.1.1"]; len(row) < 2 || row[1] != want {
		t.Errorf("2018 XLSX 3.1.1 row %q, want the corrected name %q", row, want)
	}
	if text, headings, _ := docx(t, r18); !headings["3.1.1 "+want] {
		t.Errorf("2018 DOCX lacks the heading %q: %.600s", "3.1.1 "+want, text)
	}
	r19, err := svc.Build(ctx, testenv.Admin, hangzhou, 2019)
	if err != nil {
		t.Fatal(err)
	}
	if _, it := item(t, r19, "3.1.1"); it.Indicator.Name != weekNow {
		t.Errorf("2019's 3.1.1 named %q, want today's %q", it.Indicator.Name, weekNow)
	}
}
