package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/notes"
)

var textarea = regexp.MustCompile(`(?s)<textarea.*?</textarea>`)

// TestTypedStatementsAndNotesInChinesePunctuation: a 定性描述 and an
// expert's note typed with ASCII , . ( ) are shown in Chinese punctuation
// on every page that shows them — /review, the claim's page, the
// indicator's page, /carryovers, the audit log, the document's notes — as
// reasons and comments are; the quote and the document's title keep
// theirs. The probe saw “…(试行)》,建立…制度.” on each.
func TestTypedStatementsAndNotesInChinesePunctuation(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	expert := &catalog.User{Username: "zhou", Role: catalog.RoleExpert}
	d := s.env.Upload("330100", "xuefen.txt", "杭州市印发《学分银行管理办法(试行)》,建立学分银行制度.")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1",
		Statement: "杭州市印发《学分银行管理办法(试行)》,建立学分银行制度.",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行制度"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Notes.Add(ctx, expert, d.ID, notes.Input{Page: 1, Body: "与台账是否一致,需核对(见第2页)."}); err != nil {
		t.Fatal(err)
	}
	const statement = "杭州市印发《学分银行管理办法\uFF08试行\uFF09》\uFF0C建立学分银行制度\u3002"
	const short = "杭州市印发《学分银行管理办法\uFF08试行\uFF09》" // the audit log's first words
	const note = "与台账是否一致\uFF0C需核对\uFF08见第2页\uFF09\u3002"
	wang, li, zhou, admin := s.login("wang"), s.login("li"), s.login("zhou"), s.login("admin")
	for _, tc := range []struct {
		b          *browser
		path, want string
	}{
		{li, "/review?round=", statement},
		{wang, "/claims/" + c.ID, statement},
		{wang, "/indicators/2.3.1?city=330100&round=2017", statement},
		{admin, "/admin", short},
		{zhou, "/documents/" + d.ID, note},
	} {
		resp, body := tc.b.get(tc.path)
		body = textarea.ReplaceAllString(body, "") // the edit form holds the statement as it was typed
		if resp.StatusCode != 200 || !strings.Contains(body, tc.want) || strings.Contains(body, "(试行)》,") {
			t.Errorf("%s: %d, want %q and no “(试行)》,”: %.3000s", tc.path, resp.StatusCode, tc.want, textOf(body))
		}
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	if _, body := wang.get("/carryovers?city=330100&round=2018"); !strings.Contains(body, statement) {
		t.Errorf("/carryovers: want the carried statement as %q: %.3000s", statement, textOf(body))
	}
}

// TestTypedStatementKeepsTheQuotesAndTitlesPunctuation: on the claim's
// page the statement is typed text, shown in Chinese punctuation with its
// full stop 。, but the cited document's title (from its file name,
// 办法.定稿(试行).txt) keeps its ( ) and '.', and the quote marked in its
// passage keeps its '.': they are the document's words. (A passage is
// shown with its ( ) , full-width, as every passage is, but its full stops
// are never made 。.)
func TestTypedStatementKeepsTheQuotesAndTitlesPunctuation(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "办法.定稿(试行).txt", "杭州市印发《学分银行管理办法(试行)》,建立学分银行制度.")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1",
		Statement: "杭州市印发《学分银行管理办法(试行)》,建立学分银行制度.",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "学分银行管理办法(试行)》,建立学分银行制度."}}})
	if err != nil {
		t.Fatal(err)
	}
	_, body := s.login("wang").get("/claims/" + c.ID)
	body = textarea.ReplaceAllString(body, "") // the edit form holds the statement as it was typed
	for _, want := range []string{
		"<p class=\"card statement\" id=\"statement\">杭州市印发《学分银行管理办法\uFF08试行\uFF09》\uFF0C建立学分银行制度\u3002</p>",
		`>办法.定稿(试行)</a>`,
		`建立学分银行制度</mark>.</p>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/claims/%s: want %q: %.3000s", c.ID, want, body)
		}
	}
	for _, bad := range []string{"办法\u3002定稿", "定稿\uFF08试行\uFF09", "制度</mark>\u3002", "制度\u3002</mark>"} {
		if strings.Contains(body, bad) {
			t.Errorf("/claims/%s: %q, the title or quote in typed punctuation", c.ID, bad)
		}
	}
}
