package assignments_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCarriedLinksAreNotTheCoordinatorsLinks: in 2018 市教育局 hands in
// 学分银行工作总结 for 2.3.1 and it is accepted, and the coordinator links
// 职业技能培训实施方案 to 1.3.2. The 2019 table is copied from 2018 and
// 2018's links are carried into 2019, 待确认. The 2019 tasks of 2.3.1
// and 1.3.2 are owed and nothing is said beside them: last year's
// material is nobody's link for 2019 until the coordinator confirms it,
// and the list of missing materials says nothing either. Once both
// carried links are confirmed, 1.3.2 says the coordinator's plan is in
// hand; 2.3.1 still says nothing, for its document was handed in (in
// 2018), never linked by the coordinator.
func TestCarriedLinksAreNotTheCoordinatorsLinks(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if err := e.Framework.AddRound(ctx, admin, catalog.Round{Year: 2019, Label: "2019年度监测"}); err != nil {
		t.Fatal(err)
	}
	old := imported(t, s)
	summary := handIn(t, e, jiaoyu, old["2.3.1"].ID, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。")
	e.WaitHandedInRead(old["2.3.1"].ID)
	if _, err := s.Accept(ctx, coordA, old["2.3.1"].ID, ""); err != nil {
		t.Fatal(err)
	}
	plan := e.Upload(hangzhou, "职业技能培训实施方案.txt", "杭州市职业技能提升行动实施方案。")
	if err := e.Ingest.AddLinkInRound(ctx, coordA, &catalog.Link{DocumentID: plan.ID, IndicatorCode: "1.3.2", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CopyPrevious(ctx, coordA, hangzhou, 2019); err != nil {
		t.Fatal(err)
	}
	if rep, err := e.Values.CarryOver(ctx, coordA, hangzhou, 2019); err != nil || rep.Links < 2 {
		t.Fatalf("carrying 2018 into 2019: %+v %v, want both links carried", rep, err)
	}
	linked := func(when string) map[string][]string {
		t.Helper()
		tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2019})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.MarkLinked(ctx, coordA, tasks); err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for _, tk := range tasks {
			if tk.Status != catalog.AssignmentOpen {
				t.Errorf("%s: 2019's task %s is %s, want open", when, tk.Indicator, tk.Status)
			}
			out[tk.Indicator] = tk.Linked
		}
		return out
	}
	got := linked("carried, to confirm")
	for _, code := range []string{"2.3.1", "1.3.2"} {
		if len(got[code]) != 0 {
			t.Errorf("2019's task %s: carried links still 待确认 counted as the coordinator's: %v", code, got[code])
		}
	}
	missing, err := s.Missing(ctx, coordA, hangzhou, 2019)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range missing {
		if len(tk.Linked) != 0 {
			t.Errorf("the 2019 missing list says 协调员已关联 %d 份 for %s, carried and not confirmed", len(tk.Linked), tk.Indicator)
		}
	}
	waiting, err := e.Values.Carryovers(ctx, coordA, hangzhou, 2019, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range waiting {
		if c.Kind != catalog.CarryLink {
			continue
		}
		if _, err := e.Values.Decide(ctx, coordA, c.ID, "confirm"); err != nil {
			t.Fatal(err)
		}
	}
	got = linked("carried links confirmed")
	if !slices.Equal(got["1.3.2"], []string{plan.ID}) {
		t.Errorf("2019's task 1.3.2 after the carried link was confirmed: linked %v, want the plan %s", got["1.3.2"], plan.ID)
	}
	if len(got["2.3.1"]) != 0 {
		t.Errorf("2019's task 2.3.1: 2018's hand-in %s counted as the coordinator's link: %v", summary.ID, got["2.3.1"])
	}
}

// TestUnreadableDocumentsAreNotTheCoordinatorsLinks: the coordinator links
// 职业技能培训实施方案 and a PDF that cannot be read to 1.3.2 for 2018;
// the owed task names the plan alone, as no count takes a document that
// failed to be read (catalog.EvidenceUses).
func TestUnreadableDocumentsAreNotTheCoordinatorsLinks(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	imported(t, s)
	plan := e.Upload(hangzhou, "职业技能培训实施方案.txt", "杭州市职业技能提升行动实施方案。")
	const brokenPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1"
	st, err := e.Ingest.Stage(strings.NewReader(brokenPDF), "职业技能培训扫描件.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "policy", Round: "2018"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload of the broken PDF: %v %+v", err, out)
	}
	scan := e.WaitFinished(out[0].Document.ID, catalog.StatusFailed)
	for _, id := range []string{plan.ID, scan.ID} {
		if err := e.Ingest.AddLinkInRound(ctx, coordA, &catalog.Link{DocumentID: id, IndicatorCode: "1.3.2", Page: 1}, 2018); err != nil {
			t.Fatal(err)
		}
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018, Indicator: "1.3.2"})
	if err != nil || len(tasks) != 1 {
		t.Fatalf("2018's tasks of 1.3.2: %v %v", tasks, err)
	}
	if err := s.MarkLinked(ctx, coordA, tasks); err != nil {
		t.Fatal(err)
	}
	if got := tasks[0].Linked; !slices.Equal(got, []string{plan.ID}) {
		t.Errorf("1.3.2's task says the coordinator linked %v; want the plan %s alone, not the unreadable scan %s", got, plan.ID, scan.ID)
	}
}
