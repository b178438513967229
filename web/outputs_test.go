package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestNotesShowChinaTime: an expert's note on a document says when it was
// written in China time with its zone, as every other time on the pages,
// not in the server's UTC without one.
func TestNotesShowChinaTime(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	zhou := s.login("zhou")
	zhou.post("/documents/"+doc.ID+"/notes", url.Values{"body": {"学分银行的认证办法未见正式文件"}})
	notes, err := s.env.Notes.OnDocument(context.Background(), testenv.Admin, doc.ID, "")
	if err != nil || len(notes) != 1 {
		t.Fatalf("notes on the document: %v, %v; want the one just written", notes, err)
	}
	_, body := zhou.get("/documents/" + doc.ID)
	want := "zhou · " + catalog.ShowTime(notes[0].CreatedAt)
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, want) || !strings.HasSuffix(want, " UTC+8") {
		t.Errorf("the note does not say %q: %.400s", want, text[strings.Index(text, "学分银行的认证办法"):])
	}
}

// TestEnglishTitlesNameIndicatorsInEnglish: the browser tab of an
// indicator's page and of a claim names the indicator as the heading
// does, by name_en on English pages and by its Chinese name on Chinese
// ones.
func TestEnglishTitlesNameIndicatorsInEnglish(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	c, err := s.env.Claims.Create(context.Background(), &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"},
		claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	const zh, en = "2.3.1 建立学分银行或学分积累、转换与认证制度", "2.3.1 Credit bank / credit accumulation and transfer"
	wang := s.login("wang")
	title := func(path string) string {
		t.Helper()
		_, body := wang.get(path)
		i, j := strings.Index(body, "<title>"), strings.Index(body, "</title>")
		if i < 0 || j < i {
			t.Fatalf("%s has no title: %.300s", path, body)
		}
		return html.UnescapeString(body[i+len("<title>") : j])
	}
	paths := []string{"/indicators/2.3.1", "/claims/" + c.ID}
	for _, path := range paths {
		if got := title(path); !strings.HasPrefix(got, zh+" · ") {
			t.Errorf("Chinese %s title %q, want it to start %q", path, got, zh)
		}
	}
	wang.english()
	for _, path := range paths {
		if got := title(path); !strings.HasPrefix(got, en+" · ") {
			t.Errorf("English %s title %q, want it to start %q", path, got, en)
		}
	}
}
