package coverage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestCarriedLinkCountsOnTheHeatMap: a 2017 document whose link to 2.3.1
// was carried into 2018 is evidence of 2018 on the coverage heat map as it
// is on the comparison and in the report; once the coordinator drops it
// from 2018 it counts there no more, and 2017 keeps it throughout.
func TestCarriedLinkCountsOnTheHeatMap(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行实施意见.txt", "全市建立学分银行制度。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, testenv.Admin, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	documents := func(round int) (heat, compared int) {
		t.Helper()
		v := roundView(t, e, testenv.Admin, round)
		return v.cells["2.3.1"].Documents, v.compared["2.3.1"].Documents
	}
	for _, round := range []int{2017, 2018} {
		if heat, compared := documents(round); heat != 1 || compared != 1 {
			t.Errorf("%d年度 2.3.1 carried: heat map %d documents, comparison %d, want 1 and 1", round, heat, compared)
		}
	}
	carried, err := e.Values.Carryovers(ctx, testenv.Admin, hangzhou, 2018, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range carried {
		if c.Kind == catalog.CarryLink {
			if _, err := e.Values.Decide(ctx, testenv.Admin, c.ID, "drop"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if heat, compared := documents(2018); heat != 0 || compared != 0 {
		t.Errorf("2018年度 2.3.1 dropped: heat map %d documents, comparison %d, want 0 and 0", heat, compared)
	}
	if heat, compared := documents(2017); heat != 1 || compared != 1 {
		t.Errorf("2017年度 2.3.1 after the drop in 2018: heat map %d documents, comparison %d, want 1 and 1", heat, compared)
	}
}

// TestSameFileUploadedForTheNextRound: a policy of 2017 still in force is
// uploaded again, byte for byte, for 2018 with indicators 2.3.1 (which it
// was linked to in 2017) and 2.3.2 (new). It is not stored twice; the
// answer says which round the document is of and that the links count in
// 2018; 2018's heat map, comparison and report count it under both, and
// 2017's still count it under 2.3.1 only, as before.
func TestSameFileUploadedForTheNextRound(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	const text = "杭州市人民政府关于推进学分银行建设的实施意见：全市建立学分银行制度，发放市民终身学习卡。"
	d := e.Upload(hangzhou, "学分银行实施意见.txt", text)
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	upload := func(round string) ingest.Outcome {
		t.Helper()
		st, err := e.Ingest.Stage(strings.NewReader(text), "学分银行实施意见（2018年报送）.txt")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "policy",
			Round: round}, Indicators: []string{"2.3.1", "2.3.2"}, Files: []*ingest.Staged{st}})
		if err != nil || out[0].Err != nil {
			t.Fatalf("upload for %s: %v %v", round, err, out[0].Err)
		}
		return out[0]
	}
	o := upload("2018")
	if !o.Duplicate || o.Document.ID != d.ID || o.Document.Round != "2017" || o.UsedInRound != 2018 {
		t.Fatalf("the same bytes for 2018: duplicate %v of %s (round %s), used in round %d; want a duplicate of %s (2017) used in 2018",
			o.Duplicate, o.Document.ID, o.Document.Round, o.UsedInRound, d.ID)
	}
	heat := func(round int) map[string]int {
		t.Helper()
		v := roundView(t, e, testenv.Admin, round)
		out := map[string]int{}
		for code, c := range v.cells {
			out[code] = c.Documents
		}
		for code, r := range v.compared {
			if r.Documents != out[code] {
				t.Errorf("%d年度 %s: heat map %d documents, comparison %d", round, code, out[code], r.Documents)
			}
		}
		return out
	}
	if got := heat(2018); got["2.3.1"] != 1 || got["2.3.2"] != 1 {
		t.Errorf("2018年度 after the upload for 2018: 2.3.1 %d documents, 2.3.2 %d; want 1 and 1", got["2.3.1"], got["2.3.2"])
	}
	if got := heat(2017); got["2.3.1"] != 1 || got["2.3.2"] != 0 {
		t.Errorf("2017年度 after the upload for 2018: 2.3.1 %d documents, 2.3.2 %d; want 1 and 0 as before", got["2.3.1"], got["2.3.2"])
	}
	rep, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range rep.Areas {
		for _, it := range a.Items {
			if code := it.Indicator.Code; (code == "2.3.1" || code == "2.3.2") && (len(it.Evidence) != 1 || it.Evidence[0].DocumentID != d.ID) {
				t.Errorf("2018 report %s evidence %+v, want the 2017 document", code, it.Evidence)
			}
		}
	}
	if o := upload("2017"); !o.Duplicate || o.UsedInRound != 0 {
		t.Errorf("the same bytes again for 2017, the document's round: used in round %d, want 0", o.UsedInRound)
	}
}

// TestSameFileForARoundThatDoesNotExist: the same bytes uploaded again
// naming a round that was never added are refused, on the round field,
// before anything is looked up or written (ingest.CheckRound), instead
// of counting in that round.
func TestSameFileForARoundThatDoesNotExist(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	const text = "杭州市人民政府关于推进学分银行建设的实施意见：全市建立学分银行制度。"
	d := e.Upload(hangzhou, "学分银行实施意见.txt", text)
	st, err := e.Ingest.Stage(strings.NewReader(text), "学分银行实施意见.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	_, err = e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "policy",
		Round: "2030"}, Indicators: []string{"2.3.2"}, Files: []*ingest.Staged{st}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "round" || !strings.Contains(err.Error(), "监测轮次 2030 不存在") {
		t.Errorf("the same bytes for round 2030: %v; want EINVALID on round saying 监测轮次 2030 不存在", err)
	}
	if links, err := e.Catalog.LinksOfDocuments(ctx, []string{d.ID}); err != nil || len(links) != 0 {
		t.Errorf("links after the refusal: %+v, %v; want none", links, err)
	}
}
