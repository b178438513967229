package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestValuesTabQueriesDoNotGrowWithValues: the tab of reviewed values
// asks the catalog as often for many values as for one, and still shows
// each value's last verdict and reason; two queries per value made the
// 已核实 tab of a real round (hundreds of values) slow.
func TestValuesTabQueriesDoNotGrowWithValues(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	li := s.login("li")
	codes := []string{"2.2.1", "1.2.3", "2.3.3", "4.1.2"}
	record := func(i int) {
		n := 80 + i // 4.1.2 is a rate: at most 100
		d := s.env.Upload("330100", fmt.Sprintf("统计%d.txt", i), fmt.Sprintf("2017年该项指标为%d。", n))
		v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: codes[i], Value: values.Written(fmt.Sprint(n)),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: fmt.Sprintf("该项指标为%d", n)}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Values.Review(ctx, reviewer, v.ID, "contradicted", fmt.Sprintf("第%d项与公报不符", i)); err != nil {
			t.Fatal(err)
		}
	}
	queries := func() (int64, string) {
		before := s.env.Catalog.Statements()
		_, body := li.get("/values?status=contradicted&round=")
		return s.env.Catalog.Statements() - before, textOf(body)
	}
	record(0)
	one, _ := queries()
	for i := 1; i < len(codes); i++ {
		record(i)
	}
	four, text := queries()
	if four != one {
		t.Errorf("tab of 1 reviewed value: %d catalog queries; of 4: %d, want as many", one, four)
	}
	for i := range codes {
		if want := fmt.Sprintf("第%d项与公报不符", i); !strings.Contains(text, want) {
			t.Errorf("the tab lacks the reason %q: %.1500s", want, text)
		}
	}
}

// TestAdminEventsQueriesDoNotGrowWithObjects: the admin page names the
// 定性描述 and values its audit events are about with a fixed number of
// queries, not one or two per event (a page shows a hundred events).
func TestAdminEventsQueriesDoNotGrowWithObjects(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := s.login("admin")
	codes := []struct{ claim, value string }{{"1.1.1", "2.2.1"}, {"1.1.2", "1.2.3"}, {"1.2.1", "2.3.3"}}
	record := func(i int) {
		d := s.env.Upload("330100", fmt.Sprintf("总结%d.txt", i), fmt.Sprintf("第%d份总结：建立学习型城市建设制度。该项指标为%d。", i, 120+i))
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: codes[i].claim,
			Statement: fmt.Sprintf("第%d项制度已建立", i), Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学习型城市建设制度"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: codes[i].value, Value: values.Written(fmt.Sprint(120 + i)),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: fmt.Sprintf("该项指标为%d", 120+i)}}); err != nil {
			t.Fatal(err)
		}
	}
	queries := func() (int64, string) {
		before := s.env.Catalog.Statements()
		_, body := admin.get("/admin")
		return s.env.Catalog.Statements() - before, textOf(body)
	}
	record(0)
	one, _ := queries()
	for i := 1; i < len(codes); i++ {
		record(i)
	}
	three, text := queries()
	if three != one {
		t.Errorf("admin page naming 1 claim and 1 value: %d catalog queries; 3 of each: %d, want as many", one, three)
	}
	for i, c := range codes {
		for _, want := range []string{fmt.Sprintf("%s “第%d项制度已建立”", c.claim, i), fmt.Sprintf("2017 %s %d", c.value, 120+i)} {
			if !strings.Contains(text, want) {
				t.Errorf("the audit log does not name %q: %.2000s", want, text)
			}
		}
	}
}

// TestReviewQueueIsPaged: a queue tab holding more claims than a page
// lists says which page of how many it shows and links the next one, the
// city kept, instead of ending as if the list were whole while its tab
// counts more (the claims past the first 200 were out of reach).
func TestReviewQueueIsPaged(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "总结.txt", "杭州市建立学分银行。")
	li := s.login("li")
	for i := range reviewQueueLimit + 3 {
		if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "1.1.1", Statement: fmt.Sprintf("第%d条：建立了学分银行", i),
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, body := li.get("/review?round="); strings.Contains(body, `id="review-pages"`) || strings.Contains(body, `rel="next"`) {
				t.Errorf("a queue of one claim has pages: %.800s", textOf(body))
			}
		}
	}
	_, body := li.get("/review?city=330100&round=")
	next := `href="/review?status=pending&amp;city=330100&amp;round=&amp;page=2" rel="next">下一页`
	if want := fmt.Sprintf("第 1/2 页\uFF0C共 %d 条", reviewQueueLimit+3); !strings.Contains(textOf(body), want) || !strings.Contains(body, next) {
		t.Errorf("a queue of %d claims does not say %q with a link to page 2: %.800s", reviewQueueLimit+3, want, textOf(body))
	}
	_, body = li.get("/review?status=pending&city=330100&round=&page=2")
	if n := strings.Count(body, `class="card claim-row"`); n != 3 || !strings.Contains(body, "第202条") ||
		!strings.Contains(body, `href="/review?status=pending&amp;city=330100&amp;round=" rel="prev">上一页`) {
		t.Errorf("page 2 of the queue: %d claims, want the last 3 (第200–202条) and a link back: %.800s", n, textOf(body))
	}
}

// TestBoardQueriesDoNotGrowWithLinkedDocuments: the board lists beside an
// owed task the documents the coordinator linked, each by title, asking
// the catalog as often for three as for one (not once per document per
// task), and the documents handed in for a task as often for two as for
// one.
func TestBoardQueriesDoNotGrowWithLinkedDocuments(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市民政局,2099-03-31,赵科长\n1.3.2,市教育局,2099-03-31,张老师\n")}); err != nil {
		t.Fatal(err)
	}
	tasks, err := s.env.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	var education string
	for _, tk := range tasks {
		if tk.Department == "市教育局" {
			education = tk.ID
		}
	}
	titles := []string{"学分银行建设方案", "学分银行管理办法", "学分银行实施细则"}
	link := func(i int) {
		t.Helper()
		d := s.env.Upload("330100", titles[i]+".txt", "杭州市"+titles[i]+"，推进学分银行建设。")
		if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}, 2018); err != nil {
			t.Fatal(err)
		}
	}
	jiaoyu := s.login("jiaoyu")
	handIn := func(name string) {
		t.Helper()
		if resp, page := jiaoyu.handIn(education, name+".txt", "杭州市"+name+"：开展社区教育。"); resp.StatusCode != 200 {
			t.Fatalf("handing in %s: %d %.800s", name, resp.StatusCode, page)
		}
		// The pipeline's statements for the file handed in must not be
		// counted as the board's: it is read and indexed first.
		docs, _, err := s.env.Catalog.FindDocuments(ctx, catalog.DocumentFilter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			s.env.WaitIndexed(d.ID)
		}
	}
	wang := s.login("wang")
	queries := func() (int64, string) {
		before := s.env.Catalog.Statements()
		_, body := wang.get("/assignments?city=330100&round=2018")
		return s.env.Catalog.Statements() - before, textOf(body)
	}
	link(0)
	handIn("社区教育工作总结")
	one, _ := queries()
	link(1)
	link(2)
	handIn("社区教育统计报表")
	more, text := queries()
	if more != one {
		t.Errorf("board with 1 linked and 1 handed-in document: %d catalog queries; with 3 and 2: %d, want as many", one, more)
	}
	for _, want := range titles {
		if !strings.Contains(text, want) {
			t.Errorf("the board does not list the linked %s: %.2000s", want, text)
		}
	}
}

// TestCarryoversQueriesDoNotGrowWithLinks: /carryovers names the
// documents of the links carried into a round, and says which were
// deleted or could not be read, with as many catalog queries for four
// links as for one; three queries a link made a round's page (hundreds
// of links) slow.
func TestCarryoversQueriesDoNotGrowWithLinks(t *testing.T) {
	codes := []string{"2.3.2", "3.1.1", "3.2.1", "1.1.1"}
	queries := func(n int) (int64, string) {
		s := newSite(t)
		ctx := context.Background()
		for i, code := range codes[:n] {
			d := s.env.WaitIndexed(s.env.Upload("330100", fmt.Sprintf("学习周活动总结%d.txt", i), fmt.Sprintf("杭州市2017年第%d届全民终身学习活动周总结。", i)).ID)
			if err := s.env.Catalog.CreateLinks(ctx, []*catalog.Link{{DocumentID: d.ID, IndicatorCode: code, CreatedBy: "test"}}, false); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.env.Catalog.CarryOver(ctx, "330100", 2017, 2018, "test"); err != nil {
			t.Fatal(err)
		}
		wang := s.login("wang")
		before := s.env.Catalog.Statements()
		_, body := wang.get("/carryovers?city=330100&round=2018")
		return s.env.Catalog.Statements() - before, textOf(body)
	}
	one, _ := queries(1)
	four, text := queries(len(codes))
	if four != one {
		t.Errorf("/carryovers of 1 carried link: %d catalog queries; of 4: %d, want as many", one, four)
	}
	for i := range codes {
		if want := fmt.Sprintf("学习周活动总结%d", i); !strings.Contains(text, want) {
			t.Errorf("/carryovers does not name %s: %.1500s", want, text)
		}
	}
}

// TestHeatMapQueriesDoNotGrowWithDocuments: the heat map (and the tree
// beside it) counts each cell's documents, a group of versions once, with
// as many catalog queries for one document as for many, versions among
// them: every evidence document ID of the archive was read to be
// grouped, and the versions among them asked a run of IDs at a time.
func TestHeatMapQueriesDoNotGrowWithDocuments(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	link := func(code, name, text string) *catalog.Document {
		t.Helper()
		d := s.env.WaitIndexed(s.env.Upload("330100", name, text).ID)
		if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: code, Page: 1}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	li := s.login("li")
	queries := func() (int64, string) {
		before := s.env.Catalog.Statements()
		_, body := li.get("/indicators?round=2017")
		return s.env.Catalog.Statements() - before, body
	}
	link("2.3.1", "社区教育工作总结.txt", "2017年杭州市社区教育工作总结：全市建成社区学习中心一百二十个。")
	queries() // the first view fills what views keep (the framework, the city's words): not counted
	one, _ := queries()
	pdf := link("2.3.1", "学分银行实施意见.pdf.txt", "杭政办发〔2016〕8号 关于建立杭州市学分银行的实施意见：推进学分积累与转换。")
	docx := link("2.3.1", "学分银行实施意见.docx.txt", "杭政办发〔2016〕8号 关于建立杭州市学分银行的实施意见：推进学分积累与转换工作。")
	if err := s.env.Catalog.AddNearDuplicates(ctx, pdf.ID, []catalog.NearDuplicate{{ID: docx.ID, Similarity: 0.97}}); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		link("3.1.1", fmt.Sprintf("学习型社区建设总结%d.txt", i), fmt.Sprintf("杭州市第%d批学习型社区建设工作总结。", i+1))
	}
	many, body := queries()
	if many != one {
		t.Errorf("heat map of 1 document: %d catalog queries; of 7, two of them versions: %d, want as many", one, many)
	}
	for _, want := range []string{"●2", "●4"} { // 2.3.1: the summary and the policy's two versions; 3.1.1: four
		if !strings.Contains(body, want) {
			t.Errorf("the heat map lacks %q: %.3000s", want, textOf(body))
		}
	}
}

// TestAdminEventsQueriesDoNotGrowWithDeletedObjects: the audit log
// names what its events are about when it has been deleted since —
// documents by their last title, claims, values and tasks by what their
// latest event said of them, carry-over decisions by their rows — with as
// many catalog queries for fifty of each as for one: each deleted claim,
// value and task, each task and each carry-over took a query of its own.
func TestAdminEventsQueriesDoNotGrowWithDeletedObjects(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin := s.login("admin")
	record := func(events ...catalog.Event) {
		t.Helper()
		for _, e := range events {
			if err := s.env.Catalog.RecordEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	deleted := 0
	deleteMore := func(n int) {
		t.Helper()
		for ; deleted < n; deleted++ {
			i := deleted
			d := s.env.WaitIndexed(s.env.Upload("330100", fmt.Sprintf("社区教育总结%02d.txt", i), fmt.Sprintf("杭州市第%d个社区学习中心工作总结。", i+1)).ID)
			if _, err := s.env.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
				t.Fatal(err)
			}
			id := fmt.Sprintf("01M91P3KQSA2PFX3YZ%08d", i)
			record(
				catalog.Event{User: "wang", Action: "claim.create", Object: "claim:" + id, Detail: map[string]any{"city": "330100", "indicator": "2.3.1", "statement": fmt.Sprintf("建成第%d个社区学习中心", i+1)}},
				catalog.Event{User: "li", Action: "claim.review", Object: "claim:" + id, Detail: map[string]any{"verdict": "verified"}},
				catalog.Event{User: "wang", Action: "value.create", Object: "value:" + id, Detail: map[string]any{"city": "330100", "round": 2017, "indicator": "2.2.1", "number": 100 + i}},
				catalog.Event{User: "li", Action: "value.review", Object: "value:" + id, Detail: map[string]any{"verdict": "verified"}},
				catalog.Event{User: "wang", Action: "assignment.delete", Object: "assignment:" + id, Detail: map[string]any{"city": "330100", "department": fmt.Sprintf("第%d街道", i+1), "indicator": "2.3.1"}},
				catalog.Event{User: "wang", Action: "assignment.returned", Object: "assignment:" + id, Detail: map[string]any{"reason": "材料不全"}},
				catalog.Event{User: "wang", Action: "carryover.dropped", Object: "carryover:" + id, Detail: map[string]any{"kind": "claim", "object": id}},
			)
		}
	}
	pages := []struct{ action, want string }{
		{"document.delete", "《杭州市第%d个社区学习中心工作总结（已删除）》"},
		{"claim.review", "定性描述 2.3.1 “建成第%d个社区学习中心”（已删除）"},
		{"value.review", "数值 杭州 2017 2.2.1"},
		{"assignment.returned", "任务 杭州 第%d街道 · 2.3.1（已删除）"},
		{"carryover.dropped", "已删除的条目（定性描述）01M91P3KQSA2PFX3YZ"},
	}
	queries := func() (int64, map[string]string) {
		texts := map[string]string{}
		var n int64
		for _, p := range pages {
			before := s.env.Catalog.Statements()
			_, body := admin.get("/admin?action=" + p.action)
			n += s.env.Catalog.Statements() - before
			texts[p.action] = textOf(body)
		}
		return n, texts
	}
	deleteMore(1)
	one, _ := queries()
	deleteMore(50)
	fifty, texts := queries()
	if fifty != one {
		t.Errorf("audit log of 1 deleted document, claim, value, task and carried item: %d catalog queries; of 50 each: %d, want as many", one, fifty)
	}
	for _, p := range pages {
		for _, i := range []int{0, 25, 49} {
			want := p.want
			if strings.Contains(want, "%d") {
				want = fmt.Sprintf(want, i+1)
			}
			if !strings.Contains(texts[p.action], want) {
				t.Errorf("the audit log of %s does not name %s: %.3000s", p.action, want, texts[p.action])
			}
		}
	}
}
