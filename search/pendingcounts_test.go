package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// returnedLedger hands in 台账 (杭州, 工作总结, saying 学分银行) for a task
// of 2.3.1 of 杭州, indexes it and returns it: a file search leaves out
// and counts as returned_hidden. It returns the document's id.
func returnedLedger(t *testing.T, svc *Service) string {
	t.Helper()
	ctx := context.Background()
	imp, err := svc.cat.ImportAssignments(ctx, "330100", 2018,
		[]catalog.AssignmentRow{{Indicator: "2.3.1", Department: "市教育局", Due: "2018-06-30"}}, "admin")
	if err != nil {
		t.Fatal(err)
	}
	task := imp.Assignments[0].ID
	doc := &catalog.Document{ID: "R1", SHA256: "r1aa", Size: 10, MIME: "text/plain", Format: "txt", Filename: "台账.txt",
		Title: "学分银行台账", DocType: catalog.DocWorkSummary, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "dept"}
	if err := svc.cat.CreateDocument(ctx, doc, catalog.Submission{User: "dept", Filename: "台账.txt", Assignment: task}); err != nil {
		t.Fatal(err)
	}
	if err := svc.idx.Index(ctx, []index.Document{{ID: "R1", Title: doc.Title, Pages: []string{"学分银行累计存入学分台账。"},
		City: "330100", DocType: string(doc.DocType)}}); err != nil {
		t.Fatal(err)
	}
	if err := svc.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: task, From: catalog.AssignmentStatuses,
		To: catalog.AssignmentSubmitted, Documents: []string{"R1"}, By: "dept"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.cat.ReturnAssignment(ctx, task, "缺少各区县分项数据", "admin"); err != nil {
		t.Fatal(err)
	}
	return "R1"
}

// returned_hidden counts a returned file whose index copy lags the
// catalog by the catalog's values, as the hits are found: retyped a
// 新闻报道 it is one a search among 新闻报道 left out, and no longer one
// among 工作总结; dated 2018, one a search of 2018 left out. It used to be
// counted by its index copy's type and date until the index applied the
// change. (A file handed in for a task cannot move to another city.)
func TestReturnedHiddenCountsByTheCatalogWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	str := func(s string) *string { return &s }
	retype := func(cat *catalog.Store, id string) error {
		_, err := cat.UpdateDocument(ctx, id, catalog.DocumentPatch{DocType: str(string(catalog.DocPressReport))}, "admin")
		return err
	}
	date := func(cat *catalog.Store, id string) error {
		_, err := cat.UpdateDocument(ctx, id, catalog.DocumentPatch{IssuedOn: str("2018-05-10")}, "admin")
		return err
	}
	cases := []struct {
		name         string
		change       func(cat *catalog.Store, id string) error
		req          Request
		before, want int
	}{
		{"made a 新闻报道, searched among 工作总结", retype, Request{User: admin, Cities: []string{"330100"}, DocTypes: []string{"工作总结"}}, 1, 0},
		{"made a 新闻报道, searched among 新闻报道", retype, Request{User: admin, Cities: []string{"330100"}, DocTypes: []string{"新闻报道"}}, 0, 1},
		{"dated 2018, as 杭州's coordinator searches 2018", date, Request{User: coordA, Years: []int{2018}}, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := facetStores(t)
			id := returnedLedger(t, svc)
			c.req.Query = "学分银行"
			if got := searchAs(t, svc, c.req).ReturnedHidden; got != c.before {
				t.Fatalf("returned_hidden before the change: %d, want %d", got, c.before)
			}
			if err := c.change(svc.cat, id); err != nil {
				t.Fatal(err)
			}
			res := searchAs(t, svc, c.req)
			if res.ReturnedHidden != c.want {
				t.Errorf("returned_hidden after the returned file was %s, its index copy not written again: %d, want %d (hits %s)",
					c.name, res.ReturnedHidden, c.want, hitList(res))
			}
			with := c.req
			with.IncludeReturned = true
			found := searchAs(t, svc, with)
			if got := int(found.Total - res.Total); got != res.ReturnedHidden {
				t.Errorf("include_returned finds %d more, returned_hidden says %d", got, res.ReturnedHidden)
			}
		})
	}
}

// A search that finds nothing offers the filters to drop (relax) with
// what each finds by the catalog's values, as the hits would be found:
// A6 made a 新闻报道 is found in 杭州 once the city is dropped, and A6
// moved to 成都 is not counted among 杭州's documents once the type is
// dropped. They used to be counted by A6's index copy.
func TestRelaxCountsByTheCatalogWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	str := func(s string) *string { return &s }
	cases := []struct {
		name   string
		change func(cat *catalog.Store) error
		req    Request
		want   []Relaxation
	}{
		{"A6 made a 新闻报道, 新闻报道 searched in 成都", func(cat *catalog.Store) error {
			_, err := cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{DocType: str(string(catalog.DocPressReport))}, "admin")
			return err
		}, Request{User: admin, Cities: []string{"510100"}, DocTypes: []string{"新闻报道"}},
			[]Relaxation{{Filter: "city", Value: "510100", Total: 1}, {Filter: "doc_type", Value: "新闻报道", Total: 1}}},
		{"A6 moved to 成都, 新闻报道 searched in 杭州", func(cat *catalog.Store) error {
			_, err := cat.MoveDocument(ctx, "A6", "510100", "admin")
			return err
		}, Request{User: admin, Cities: []string{"330100"}, DocTypes: []string{"新闻报道"}},
			[]Relaxation{{Filter: "doc_type", Value: "新闻报道", Total: 4}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := facetStores(t)
			c.req.Query = "学分银行"
			searchAs(t, svc, c.req)
			if err := c.change(svc.cat); err != nil {
				t.Fatal(err)
			}
			res := searchAs(t, svc, c.req)
			if res.Total != 0 || !slices.Equal(res.Relax, c.want) {
				t.Errorf("after %s: total %d, relax %+v; want none found and %+v", c.name, res.Total, res.Relax, c.want)
			}
		})
	}
}

// An export of results lists the documents the search page lists while
// an index copy lags the catalog, and says as many documents found: A6
// moved to 成都 is exported by 成都's search and not by 杭州's, made a
// 新闻报道 by a search among 新闻报道 and not among 工作总结. It used to
// list and count A6 by its index copy (and leave it out of 杭州's rows
// alone, still counted).
func TestExportListsTheCatalogsValuesWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	str := func(s string) *string { return &s }
	move := func(cat *catalog.Store) error {
		_, err := cat.MoveDocument(ctx, "A6", "510100", "admin")
		return err
	}
	retype := func(cat *catalog.Store) error {
		_, err := cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{DocType: str(string(catalog.DocPressReport))}, "admin")
		return err
	}
	cases := []struct {
		name   string
		change func(cat *catalog.Store) error
		req    Request
		want   []string
	}{
		{"moved to 成都, searched in 杭州", move, Request{Cities: []string{"330100"}}, []string{"A1", "A2", "A3", "A4"}},
		{"moved to 成都, searched in 成都", move, Request{Cities: []string{"510100"}}, []string{"A6", "B1"}},
		{"made a 新闻报道, searched among 工作总结", retype, Request{DocTypes: []string{"工作总结"}}, []string{"A1", "A2", "A3", "A4", "B1"}},
		{"made a 新闻报道, searched among 新闻报道", retype, Request{DocTypes: []string{"新闻报道"}}, []string{"A6"}},
		{"made a 新闻报道, searched by date of issue", retype, Request{Sort: index.SortIssued}, []string{"A1", "A2", "A3", "A4", "A6", "B1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := facetStores(t)
			c.req.Query, c.req.User = "学分银行", admin
			if err := c.change(svc.cat); err != nil {
				t.Fatal(err)
			}
			rows, total, _, err := svc.exportRows(ctx, c.req, "", false)
			if err != nil {
				t.Fatal(err)
			}
			var exported []string
			for _, row := range rows {
				id := strings.TrimSuffix(row[1].(string), ".txt")
				if !slices.Contains(exported, id) {
					exported = append(exported, id)
				}
			}
			res := searchAs(t, svc, c.req)
			if !slices.Equal(sorted(exported), c.want) || total != uint64(len(c.want)) {
				t.Errorf("export after A6 %s, its index copy not written again: documents %v, %d found; want %v",
					c.name, exported, total, c.want)
			}
			if !slices.Equal(exported, hitIDList(res)) {
				t.Errorf("export after A6 %s lists %v, the search page %v, in its order", c.name, exported, hitIDList(res))
			}
		})
	}
}

// A claim's candidate passages come from the documents of its city by
// the catalog, also while an index copy lags: A6 moved to 成都 is
// proposed for 成都's claim, as 成都's search finds it. It was proposed
// only once the index applied the move (the city it left never had it:
// TestADocumentMovedAwayIsNotShownToTheCityItLeft).
func TestClaimCandidatesFromADocumentMovedInWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	if _, err := svc.cat.MoveDocument(ctx, "A6", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	for _, linked := range [][]string{{}, {"A6"}} {
		c := &catalog.Claim{ID: "C1", City: "510100", Round: 2018, Indicator: "2.3.1", Statement: "杭州日报报道学分银行试点"}
		cands, err := svc.ClaimCandidates(ctx, c, linked, 10)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, cd := range cands {
			found = found || cd.DocumentID == "A6"
			if cd.DocumentID == "A6" && cd.Linked != (len(linked) > 0) {
				t.Errorf("candidate A6 linked %v, want %v", cd.Linked, len(linked) > 0)
			}
		}
		if !found {
			t.Errorf("candidates of 成都's claim 杭州日报报道学分银行试点 (linked %v) after A6 moved to 成都: %+v, want A6's passage", linked, cands)
		}
	}
}

// textReadCountingIndex records the most documents one search asked the
// text of (Query.WithText).
type textReadCountingIndex struct {
	innerIndex
	most int
}

func (c *textReadCountingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	res, err := c.innerIndex.Search(ctx, q)
	if err == nil && q.WithText {
		c.most = max(c.most, len(res.Hits))
	}
	return res, err
}

// An export reads the text of the documents whose index copy lags as its
// pages of rows take them, exportPage documents at a time as the index's
// pages: 150 杭州 notes retitled while the index catches up are every one
// exported, their passages too, and no search read more than exportPage
// documents' text. Their text used to be read all at once before the
// first page (up to maxCorrectedChanges documents, a node catching up).
func TestExportReadsThePendingDocumentsTextAPageAtATime(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	const notes = exportPage + 50
	var docs []index.Document
	for i := range notes {
		id := fmt.Sprintf("N%03d", i)
		doc := &catalog.Document{ID: id, SHA256: strings.ToLower(id) + "aa", Size: 10, MIME: "text/plain", Format: "txt",
			Filename: id + ".txt", Title: "学习型城市建设材料", DocType: catalog.DocWorkSummary, City: "330100",
			Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := svc.cat.CreateDocument(ctx, doc, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, index.Document{ID: id, Title: doc.Title, Pages: []string{fmt.Sprintf("第%d份学分银行工作简报。", i+1)},
			City: "330100", DocType: string(doc.DocType)})
	}
	if err := svc.idx.Index(ctx, docs); err != nil {
		t.Fatal(err)
	}
	title := "学分银行工作简报（修订）"
	for _, d := range docs {
		if _, err := svc.cat.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Title: &title}, "admin"); err != nil {
			t.Fatal(err)
		}
	}
	counting := &textReadCountingIndex{innerIndex: svc.idx}
	svc.idx = counting
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, sort := range []index.Sort{index.SortRelevance, index.SortUploaded} {
		counting.most = 0
		rows, total, _, err := svc.exportRows(ctx, Request{Query: "学分银行", User: admin, Sort: sort}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		exported, marked := map[string]bool{}, 0
		for _, row := range rows {
			exported[strings.TrimSuffix(row[1].(string), ".txt")] = true
			if strings.HasPrefix(row[1].(string), "N") && strings.Contains(row[8].(string), "学分银行") {
				marked++
			}
		}
		if len(exported) != int(total) || total != notes+6 || marked != notes {
			t.Errorf("export of 学分银行 by %q while %d notes wait for the index: %d documents of %d found, %d notes with their passage; want %d, each note's passage",
				sort, notes, len(exported), total, marked, notes+6)
		}
		if counting.most > exportPage {
			t.Errorf("export of 学分银行 by %q: one search read the text of %d documents, want at most %d", sort, counting.most, exportPage)
		}
	}
}

// A claim's candidates from the documents whose index copy lags are
// those the catalog files in the claim's city: H1, a 杭州 work summary
// retitled while its index copy is not written again, is proposed for
// 杭州's claim although more than a pool of 成都's documents, retitled
// too, say the statement's words more closely. The pending documents of
// every city used to be searched for one pool, and 成都's filled it:
// H1's passage was never looked at until the index applied its change.
func TestClaimCandidatesOfPendingDocumentsAreTheClaimsCitys(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	retitle := func(id string) {
		t.Helper()
		title := "学分银行试点材料（修订）"
		if _, err := svc.cat.UpdateDocument(ctx, id, catalog.DocumentPatch{Title: &title}, "admin"); err != nil {
			t.Fatal(err)
		}
	}
	add := func(id, city, text string) {
		t.Helper()
		doc := &catalog.Document{ID: id, SHA256: strings.ToLower(id) + "aa", Size: 10, MIME: "text/plain", Format: "txt",
			Filename: id + ".txt", Title: "学习型城市建设材料", DocType: catalog.DocWorkSummary, City: city,
			Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := svc.cat.CreateDocument(ctx, doc, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.idx.Index(ctx, []index.Document{{ID: id, Title: doc.Title, Pages: []string{text}, City: city,
			DocType: string(doc.DocType)}}); err != nil {
			t.Fatal(err)
		}
	}
	add("H1", "330100", "杭州市学分银行试点工作总结：杭州日报报道了学分银行试点，全市社区学校和老年大学共同参与，另附各区县的材料若干。")
	var chengdu []string
	for i := range candidatePool + 5 {
		id := fmt.Sprintf("C%02d", i)
		add(id, "510100", "杭州日报报道学分银行试点。")
		chengdu = append(chengdu, id)
	}
	for _, id := range append(chengdu, "H1") {
		retitle(id)
	}
	c := &catalog.Claim{ID: "C1", City: "330100", Round: 2018, Indicator: "2.3.1", Statement: "杭州日报报道学分银行试点"}
	cands, err := svc.ClaimCandidates(ctx, c, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, cd := range cands {
		if !slices.Contains(docs, cd.DocumentID) {
			docs = append(docs, cd.DocumentID)
		}
	}
	if !slices.Contains(docs, "H1") || slices.ContainsFunc(docs, func(id string) bool { return slices.Contains(chengdu, id) }) {
		t.Errorf("candidates of 杭州's claim 杭州日报报道学分银行试点 while %d of 成都's documents and 杭州's H1 wait for the index: %v; want H1's passage and none of 成都's",
			len(chengdu), docs)
	}
}
