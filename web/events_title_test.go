package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAuditLogNamesADocumentAsItWasCalled: a document given a title, then
// renamed, is named in the first edit's row by the title it had then,
// with today's after it, and in the rename's row by the new title alone;
// an event logged before titles were recorded by today's, as before.
func TestAuditLogNamesADocumentAsItWasCalled(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "xuefen.txt", "2017年存入学分银行的社会培训成果12.3万人。")
	old, renamed := "学分银行建设情况（初稿）", "关于推进学分银行建设的实施意见"
	for _, title := range []string{old, renamed} {
		if _, err := s.env.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Title: &title}); err != nil {
			t.Fatal(err)
		}
	}
	admin := s.login("admin")
	for _, tt := range []struct {
		english bool
		want    []string
		not     string
	}{
		{false, []string{"文档《" + old + "》（现名《" + renamed + "》）", "文档《" + renamed + "》"}, "《" + renamed + "》（现名"},
		{true, []string{"document “" + old + "” (now: “" + renamed + "”)", "document “" + renamed + "”"}, "“" + renamed + "” (now"},
	} {
		if tt.english {
			admin.english()
		}
		_, body := admin.get("/admin")
		i := strings.Index(body, `id="events"`)
		if i < 0 {
			t.Fatalf("/admin (English %v) has no audit log (id=\"events\"): %.900s", tt.english, textOf(body))
		}
		events := html.UnescapeString(textOf(body[i:]))
		for _, w := range tt.want {
			if !strings.Contains(events, w) {
				t.Errorf("audit log (English %v): want %q: %.900s", tt.english, w, events)
			}
		}
		if strings.Contains(events, tt.not) {
			t.Errorf("audit log (English %v): the rename's row says the new title is another: %.900s", tt.english, events)
		}
	}

	// An event logged before titles were recorded has none in its detail.
	h := &handler{Deps: s.deps(s.env.Auth)}
	rows := h.eventRows(ctx, Chinese, testenv.Admin, []catalog.Event{{User: "test", Action: "document.upload", Object: d.ID,
		Detail: map[string]any{"filename": "xuefen.txt"}}}, nil)
	if got, want := rows[0].About, "文档《"+renamed+"》"; got != want || rows[0].Link != "/documents/"+d.ID {
		t.Errorf("an old event: %q → %s, want %q → /documents/%s", got, rows[0].Link, want, d.ID)
	}
}

// TestAuditLogNamesADeletedDocumentOneWay: a document still named by its
// file, linked and deleted, is named alike in its upload, link and delete
// rows, never by its ID, and none links to it; a titled one renamed
// before its deletion is named in every row by its last title, with the
// one it had then after it; an event logged before titles were recorded
// names a deleted document by its last title too.
func TestAuditLogNamesADeletedDocumentOneWay(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	plain := s.env.Upload("330100", "学分银行台账.txt", "1\t张三\t12.3\n2\t李四\t8.5\n")
	if plain.Title != catalog.DefaultTitle("学分银行台账.txt") {
		t.Fatalf("title %q, want the file's name: the case is a document named by its file", plain.Title)
	}
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: plain.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	titled := s.env.Upload("330100", "xuefen.txt", "建立学分银行制度。")
	old, renamed := "学分银行建设情况（初稿）", "关于推进学分银行建设的实施意见"
	for _, title := range []string{old, renamed} {
		if _, err := s.env.Documents.Edit(ctx, testenv.Admin, titled.ID, catalog.DocumentPatch{Title: &title}); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{plain.ID, titled.ID} {
		if _, err := s.env.Documents.Delete(ctx, testenv.Admin, id); err != nil {
			t.Fatal(err)
		}
	}
	events, err := s.env.Catalog.FindEvents(ctx, catalog.EventFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	h := &handler{Deps: s.deps(s.env.Auth)}
	for _, l := range []Lang{Chinese, English} {
		plainName, titledName := "文档《学分银行台账（已删除）》", "文档《"+renamed+"（已删除）》"
		then := "（当时名为《" + old + "》）"
		if l == English {
			plainName, titledName = "document “学分银行台账 (deleted)”", "document “"+renamed+" (deleted)”"
			then = " (then: “" + old + "”)"
		}
		rows := h.eventRows(ctx, l, testenv.Admin, events, nil)
		seen := map[string]map[string]bool{} // document → action → its row's words
		for i, e := range events {
			id, ok := e.DocumentID()
			if !ok || id != plain.ID && id != titled.ID {
				continue
			}
			r := rows[i]
			want := plainName
			if id == titled.ID {
				want = titledName
				if e.Detail[catalog.EventTitle] == old {
					want += then
				}
			}
			if r.About != want || r.Link != "" {
				t.Errorf("%s of %s: %q → %q, want %q and no link", e.Action, id, r.About, r.Link, want)
			}
			if seen[id] == nil {
				seen[id] = map[string]bool{}
			}
			seen[id][e.Action] = true
		}
		for _, a := range []string{"document.upload", "link.create", "document.delete"} {
			if !seen[plain.ID][a] {
				t.Errorf("no %s row of the file-named document: %v", a, seen[plain.ID])
			}
		}
		if !seen[titled.ID]["document.upload"] || !seen[titled.ID]["document.delete"] {
			t.Errorf("no upload or delete row of the titled document: %v", seen[titled.ID])
		}
		// Logged before titles were recorded: the filename alone.
		r := h.eventRows(ctx, l, testenv.Admin, []catalog.Event{{User: "test", Action: "document.upload", Object: titled.ID,
			Detail: map[string]any{"filename": "xuefen.txt"}}}, nil)[0]
		if r.About != titledName || r.Link != "" {
			t.Errorf("an old upload event of the deleted document: %q → %q, want %q and no link", r.About, r.Link, titledName)
		}
	}
}

// TestAuditLogNamesByTheTitleReadAfterUpload: a document uploaded under
// its file's name, whose title is then read from its text, is named in
// its upload's row by that title, not the file's name nor as renamed.
func TestAuditLogNamesByTheTitleReadAfterUpload(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "xuefen.txt", "2017年存入学分银行的社会培训成果12.3万人。")
	if d.Title == catalog.DefaultTitle("xuefen.txt") {
		t.Fatalf("title %q: want one read from the text", d.Title)
	}
	events, err := s.env.Catalog.FindEvents(ctx, catalog.EventFilter{Object: d.ID, Action: "document.upload", Limit: 10})
	if err != nil || len(events) != 1 {
		t.Fatalf("upload events %v: %v", events, err)
	}
	h := &handler{Deps: s.deps(s.env.Auth)}
	r := h.eventRows(ctx, Chinese, testenv.Admin, events, nil)[0]
	if want := "文档《" + d.Title + "》"; r.About != want || r.Link != "/documents/"+d.ID {
		t.Errorf("upload row %q → %q, want %q → /documents/%s", r.About, r.Link, want, d.ID)
	}
}

// TestAuditLogLinksAClaimItNames: a claim's event that names only the
// claim is named by a look-up and still links to the claim's page.
func TestAuditLogLinksAClaimItNames(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "tongji.txt", "杭州市建立学分银行。")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	h := &handler{Deps: s.deps(s.env.Auth)}
	r := h.eventRows(ctx, Chinese, testenv.Admin, []catalog.Event{{User: "li", Action: "claim.withdraw", Object: "claim:" + c.ID}}, nil)[0]
	if !strings.Contains(r.About, "杭州市建立了学分银行") || r.Link != "/claims/"+c.ID {
		t.Errorf("a claim's withdrawal: %q → %q, want its statement and /claims/%s", r.About, r.Link, c.ID)
	}
}

// TestAuditLogSaysAValueNumberMarkChanged: a value.quote row says the
// number's new mark when a re-read changed it, though the quote is still
// found on its page (引文中未找到该数值, 单位不符 in 场, 该数值已在引文中找到),
// and only the quote's mark when the number's did not change or the quote
// is not found.
func TestAuditLogSaysAValueNumberMarkChanged(t *testing.T) {
	s := newSite(t)
	h := &handler{Deps: s.deps(s.env.Auth)}
	const did = "文字重新读取后复核数值引文 · "
	event := func(quoteFound, found bool, unit string, wasFound bool, wasUnit string) catalog.Event {
		return catalog.Event{User: "system", Action: "value.quote", Object: "value:01JVALUE",
			Detail: map[string]any{"page": 1.0, "quote": "全年举办市民大讲堂56场", "quote_found": quoteFound, "found_on_page": 1.0,
				"value_found": found, "passage_unit": unit,
				"from": map[string]any{"quote_found": true, "found_on_page": 1.0, "value_found": wasFound, "passage_unit": wasUnit}}}
	}
	notOnPage := event(false, false, "", true, "")
	notOnPage.Detail["found_on_page"] = 0.0
	for _, tt := range []struct {
		e    catalog.Event
		l    Lang
		want string
	}{
		{event(true, false, "", true, ""), Chinese, did + "引文已在该页找到 · 引文中未找到该数值"},
		{event(true, false, "场", false, ""), Chinese, did + "引文已在该页找到 · 单位不符：原文中该数字的单位是“场”"},
		{event(true, true, "", false, "场"), Chinese, did + "引文已在该页找到 · 该数值已在引文中找到"},
		{event(true, true, "", true, ""), Chinese, did + "引文已在该页找到"},
		{notOnPage, Chinese, did + "所引文档中未找到该引文（请核对页码或原文）"},
		{event(true, false, "", true, ""), English, "Value's quote looked for again in the text read anew · Quote found on that page · Number not in the quoted passage"},
	} {
		rows := h.eventRows(context.Background(), tt.l, testenv.Admin, []catalog.Event{tt.e}, nil)
		if got := rows[0].Did; got != tt.want {
			t.Errorf("value.quote %v: %q, want %q", tt.e.Detail, got, tt.want)
		}
	}
}
