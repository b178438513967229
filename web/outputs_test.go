package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
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
