package documents_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

func TestBulkEditChangesEveryChosenDocumentOnce(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	a := e.Upload("330100", "杭州一.txt", "杭州市建立学分银行。")
	b := e.Upload("330100", "杭州二.txt", "杭州市推进社区教育。")
	other := e.Upload("510100", "成都.txt", "成都市社区教育工作总结。")
	date, round := "2018年3月20日", "2018"
	out, err := e.Documents.Bulk(ctx, coordA, documents.BulkChange{IDs: []string{a.ID, b.ID, other.ID, a.ID},
		Patch: catalog.DocumentPatch{IssuedOn: &date, Round: &round}, Indicator: "2.3.1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 {
		t.Fatalf("outcomes %+v: want one per distinct document", out)
	}
	for _, o := range out {
		if o.ID == other.ID {
			if !catalog.IsNotFound(o.Err) {
				t.Errorf("another city's document in a coordinator's bulk edit: %v, want ENOTFOUND", o.Err)
			}
			continue
		}
		if o.Err != nil {
			t.Errorf("%s: %v", o.ID, o.Err)
		}
		d, _ := e.Catalog.Document(ctx, o.ID)
		if d.IssuedOn != "2018-03-20" || d.Round != "2018" {
			t.Errorf("%s after bulk edit: issued %q round %q, want 2018-03-20 and 2018", o.ID, d.IssuedOn, d.Round)
		}
		links, _ := e.Catalog.DocumentLinks(ctx, o.ID)
		if len(links) != 1 || links[0].IndicatorCode != "2.3.1" {
			t.Errorf("%s links %+v, want 2.3.1", o.ID, links)
		}
	}
	if d, _ := e.Catalog.Document(ctx, other.ID); d.Round == "2018" {
		t.Errorf("the other city's document was changed")
	}
	// A bad date refuses the whole change, naming the field.
	bad := "去年三月"
	_, err = e.Documents.Bulk(ctx, coordA, documents.BulkChange{IDs: []string{a.ID}, Patch: catalog.DocumentPatch{IssuedOn: &bad}})
	if catalog.ErrorField(err) != "issued_on" {
		t.Errorf("bulk edit with a bad date: %v, want an error about issued_on", err)
	}
}

// TestBulkDeleteFollowsTheSingleDeleteRule: a bulk delete applies the rule
// DELETE /api/v1/documents/{id} and the document page apply
// (CheckDelete), where it refused every coordinator with “只有管理员可以删除
// 文档” (probe s30 §27): 杭州's coordinator deletes the city's document
// nothing cites, keeps the one a 定性描述 cites (saying so), and a
// department contributor may not bulk delete at all.
func TestBulkDeleteFollowsTheSingleDeleteRule(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	stray := e.Upload("330100", "老年教育2020.txt", "杭州市老年教育工作要点。")
	cited := e.Upload("330100", "学分银行.txt", "杭州市建立学分银行。")
	if _, err := e.Claims.Create(ctx, coordA, claims.Input{Indicator: "2.3.1", Statement: "建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: cited.ID, Page: 1, Quote: "杭州市建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	jiaoyu := &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"}
	if _, err := e.Documents.Bulk(ctx, jiaoyu, documents.BulkChange{IDs: []string{stray.ID}, Delete: true}); catalog.ErrorCode(err) != catalog.EFORBIDDEN ||
		!strings.Contains(catalog.ErrorMessage(err), "管理员和本市协调员") {
		t.Errorf("bulk delete by a contributor: %v, want EFORBIDDEN naming who may", err)
	}
	out, err := e.Documents.Bulk(ctx, coordA, documents.BulkChange{IDs: []string{stray.ID, cited.ID}, Delete: true})
	if err != nil {
		t.Fatalf("bulk delete by 杭州's coordinator: %v", err)
	}
	for _, o := range out {
		d, _ := e.Catalog.Document(ctx, o.ID)
		switch o.ID {
		case stray.ID:
			if o.Err != nil || d != nil {
				t.Errorf("the document nothing cites: %v, still listed %v; want deleted", o.Err, d != nil)
			}
		case cited.ID:
			if catalog.ErrorCode(o.Err) != catalog.EFORBIDDEN || !strings.Contains(catalog.ErrorMessage(o.Err), "1 处") || d == nil {
				t.Errorf("the cited document: %v, kept %v; want EFORBIDDEN saying 1 处 cites it, kept", o.Err, d != nil)
			}
		}
	}
}

func TestMoveIsForAdminsAndReopensClaims(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "宁波报道.txt", "宁波市举办全民终身学习活动周。")
	c, err := e.Claims.Create(ctx, coordA, claims.Input{Indicator: "2.3.1", Statement: "举办活动周",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全民终身学习活动周"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Documents.Move(ctx, coordA, d.ID, "330200"); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("move by a coordinator: %v, want EFORBIDDEN", err)
	}
	if _, _, err := e.Documents.Move(ctx, testenv.Admin, d.ID, "999999"); catalog.ErrorField(err) != "city" {
		t.Errorf("move to an unknown city: %v, want an error about city", err)
	}
	moved, reopened, err := e.Documents.Move(ctx, testenv.Admin, d.ID, "330200")
	if err != nil || moved.City != "330200" {
		t.Fatalf("move: %+v %v", moved, err)
	}
	if len(reopened) != 0 {
		t.Errorf("a pending claim was reopened: %v", reopened)
	}
	e.WaitIndexed(d.ID)
	if _, err := e.Documents.Get(ctx, coordA, d.ID); !catalog.IsNotFound(err) {
		t.Errorf("杭州's coordinator still sees the moved document: %v", err)
	}
	res, err := e.Search.Search(ctx, search.Request{User: testenv.Admin, Query: "活动周", Cities: []string{"330200"}})
	if err != nil || len(res.Hits) != 1 {
		t.Errorf("search in 宁波 after the move: %+v %v, want the moved document", res, err)
	}
	if got, _ := e.Catalog.Claim(ctx, c.ID); got == nil {
		t.Errorf("the claim citing the moved document is gone")
	}
	list, total, err := e.Documents.List(ctx, testenv.Admin, catalog.DocumentFilter{City: "330200"})
	if err != nil || total != 1 || list[0].ID != d.ID {
		t.Errorf("list 宁波: %d %v", total, err)
	}
}

func TestListSortsByIssueDateWithUndatedLast(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	var ids []string
	for _, f := range []struct{ name, date string }{{"旧.txt", "2016-01-01"}, {"无日期.txt", ""}, {"新.txt", "2019-05-01"}} {
		d := e.Upload("330100", f.name, "杭州市"+f.name+"学分银行")
		if f.date != "" {
			date := f.date
			if _, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{IssuedOn: &date}); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, d.ID)
	}
	list, _, err := e.Documents.List(ctx, coordA, catalog.DocumentFilter{Sort: catalog.SortIssued})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range list {
		got = append(got, d.ID)
	}
	if want := []string{ids[2], ids[0], ids[1]}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("sorted by issue date: %v, want %v (newest first, undated last)", got, want)
	}
}
