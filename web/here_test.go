package web

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

var langLink = regexp.MustCompile(`<a href="(/lang\?[^"]*)" lang="(?:en|zh)">`)

// TestLanguageSwitchAfterAFormErrorStaysOnTheForm sends forms with a
// mistake, then switches the language of the page that answers: the switch
// leads back to the page the form was on, in the other language, not to the form's
// address, which has no page of its own (a 404).
func TestLanguageSwitchAfterAFormErrorStaysOnTheForm(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	wang, admin := s.login("wang"), s.login("admin")
	tests := []struct {
		name       string
		b          *browser
		path, from string
		form       url.Values
	}{
		{"定性描述 without a statement", wang, "/claims", "/claims/new?indicator=2.3.1",
			url.Values{"indicator": {"2.3.1"}, "statement": {" "}}},
		{"a value that is not a number", wang, "/documents/" + doc.ID + "/values", "/documents/" + doc.ID,
			url.Values{"indicator": {"1.1.1"}, "value": {"很多"}, "page": {"1"}}},
		{"an account without a name", admin, "/admin/users", "/admin",
			url.Values{"username": {""}, "role": {"coordinator"}, "city": {"330100"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := tc.b.postFrom(tc.path, tc.from, tc.form)
			if resp.StatusCode < 400 {
				t.Fatalf("POST %s answered %d, want the form with its error", tc.path, resp.StatusCode)
			}
			m := langLink.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("the answer to POST %s has no English link: %.300s", tc.path, textOf(body))
			}
			link := html.UnescapeString(m[1])
			resp, _ = tc.b.get(link)
			if got := resp.Request.URL.RequestURI(); resp.StatusCode != 200 || got != tc.from {
				t.Errorf("the language link (%s) led to %s with %d, want %s with 200", link, got, resp.StatusCode, tc.from)
			}
		})
	}
}

// TestFormSentAfterTheSessionEndedOffersTheLogin sends a 定性描述 from a
// browser whose session has ended: the answer is the login form, saying
// what happened in the users' words (not the API's Bearer token), and
// logging in leads back to the page the form was on.
func TestFormSentAfterTheSessionEndedOffersTheLogin(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	if resp, _ := wang.post("/logout", url.Values{}); resp.StatusCode != 200 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	const from = "/claims/new?indicator=2.3.1"
	resp, body := wang.postFrom("/claims", from, url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市建立了学分银行"}})
	text := textOf(body)
	if resp.StatusCode != 401 || !strings.Contains(body, `id="password"`) {
		t.Fatalf("a form without a session: %d, want 401 with the login form: %.300s", resp.StatusCode, text)
	}
	if !strings.Contains(text, "登录已过期") || strings.Contains(text, "Bearer") {
		t.Errorf("a form without a session says %q, want 登录已过期 and no word of the API", text)
	}
	resp, _ = wang.post("/login", url.Values{"username": {"wang"}, "password": {testenv.Password}, "next": {nextOf(body)}})
	if got := resp.Request.URL.RequestURI(); resp.StatusCode != 200 || got != from {
		t.Errorf("logging in again led to %s (%d), want %s", got, resp.StatusCode, from)
	}
}

func nextOf(body string) string {
	m := regexp.MustCompile(`name="next" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// TestNoNotesIsNoNumberedNote: a document without notes says so in a
// sentence, not as note 1 of a numbered list (it showed “1. 还没有批注。”).
func TestNoNotesIsNoNumberedNote(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	_, body := s.login("admin").get("/documents/" + doc.ID)
	notes := body[strings.Index(body, `id="notes"`):]
	if !strings.Contains(notes, "还没有批注") {
		t.Fatalf("the notes of a document without any: %.400s", textOf(notes))
	}
	if strings.Contains(notes[:strings.Index(notes, "还没有批注")], "<li") {
		t.Errorf("还没有批注 is an item of the notes list: %.400s", notes)
	}
}
