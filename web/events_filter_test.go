package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAuditLogFindsADocumentByWhatItIsCalled: the 对象 filter takes a
// kind and what people call the object — a document by its 文号, its
// title or part of it, its file name — and lists that document's events,
// its upload logged by its bare ID among them; words that call several
// documents offer them to choose from, and words that call none say so;
// kind:id as typed before, document:ID and a bare ID alike still work; a
// document's and a claim's pages link an admin to their events.
func TestAuditLogFindsADocumentByWhatItIsCalled(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	notice := s.env.Upload("330100", "tongzhi.txt", "各区县教育局：现就推进社区教育工作通知如下。")
	summary := s.env.Upload("330100", "zongjie.txt", "杭州市社区教育工作总结，全年举办讲座342场。")
	number, noticeTitle, summaryTitle := "杭教〔2018〕12号", "关于推进社区教育的通知", "社区教育工作总结"
	if _, err := s.env.Documents.Edit(ctx, testenv.Admin, notice.ID, catalog.DocumentPatch{DocNumber: &number, Title: &noticeTitle}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Edit(ctx, testenv.Admin, summary.ID, catalog.DocumentPatch{Title: &summaryTitle}); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	// onlyAbout checks that the page lists the upload of the document
	// titled title and no event about anything else.
	onlyAbout := func(what, body, title string) {
		t.Helper()
		_, rows := eventTable(t, body)
		if len(rowsDoing(rows, "上传文档")) != 1 {
			t.Errorf("%s: no upload row among %q", what, rows)
		}
		for _, r := range rows {
			if !strings.Contains(r[3], "《"+title+"》") {
				t.Errorf("%s: a row about %q, want only 《%s》", what, r[3], title)
			}
		}
	}
	for _, q := range []url.Values{
		{"kind": {"document"}, "object": {number}},
		{"kind": {"document"}, "object": {noticeTitle}},
		{"kind": {"document"}, "object": {"tongzhi.txt"}},
		{"kind": {"document"}, "object": {notice.ID}},
		{"object": {"document:" + notice.ID}}, // a link of before: its bare-id upload too
		{"object": {notice.ID}},
	} {
		_, body := admin.get("/admin?" + q.Encode())
		onlyAbout(q.Encode(), body, noticeTitle)
		if q.Get("kind") == "document" && (!strings.Contains(body, `<option value="document" selected>`) || !strings.Contains(body, `value="`+html.EscapeString(q.Get("object"))+`"`)) {
			t.Errorf("%s: the filter does not show the kind and words chosen", q.Encode())
		}
	}

	_, body := admin.get("/admin?" + url.Values{"kind": {"document"}, "object": {"社区教育"}}.Encode())
	i := strings.Index(body, `id="events-choices"`)
	if i < 0 || strings.Contains(body, `id="eventtable"`) {
		t.Fatalf("words calling two documents: want them to choose from and no log: %.1500s", textOf(body))
	}
	choices := regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`).FindAllStringSubmatch(body[i:strings.Index(body[i:], "</ul>")+i], -1)
	if len(choices) != 2 || !strings.Contains(choices[0][2], summaryTitle) || !strings.Contains(choices[1][2], noticeTitle+"》 "+number) {
		t.Fatalf("the choices: %q, want 《%s》 then 《%s》 %s", choices, summaryTitle, noticeTitle, number)
	}
	_, body = admin.get(html.UnescapeString(choices[0][1]))
	onlyAbout("the first choice", body, summaryTitle)

	_, body = admin.get("/admin?" + url.Values{"kind": {"document"}, "object": {"学分银行"}}.Encode())
	if !strings.Contains(textOf(body), "没有找到与“学分银行”相符的文档") || strings.Contains(body, `id="eventtable"`) {
		t.Errorf("words calling no document: want it said, no log: %.800s", textOf(body))
	}

	_, body = admin.get("/documents/" + notice.ID)
	link := regexp.MustCompile(`<a href="([^"]+)" id="doc-auditlog">`).FindStringSubmatch(body)
	if link == nil {
		t.Fatal("the document's page has no link to its events in the audit log")
	}
	_, body = admin.get(html.UnescapeString(link[1]))
	onlyAbout("from the document's page", body, noticeTitle)

	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市推进社区教育",
		Citations: []claims.CitationInput{{DocumentID: notice.ID, Page: 1, Quote: "推进社区教育工作"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, body := s.login("wang").get("/claims/" + c.ID); strings.Contains(body, `id="claim-auditlog"`) {
		t.Error("a coordinator is linked to the audit log, which only admins may read")
	}
	_, body = admin.get("/claims/" + c.ID)
	link = regexp.MustCompile(`<a href="([^"]+)" id="claim-auditlog">`).FindStringSubmatch(body)
	if link == nil {
		t.Fatal("the claim's page has no link to its events in the audit log")
	}
	_, body = admin.get(html.UnescapeString(link[1]))
	if _, rows := eventTable(t, body); len(rows) != 1 || rows[0][2] != "撰写定性描述" {
		t.Errorf("the claim's events: %q, want its creation alone", rows)
	}
}
