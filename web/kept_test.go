package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestFormsWithTypedTextHaveAnID: what is typed in a form whose session
// ends before it is sent comes back after the login (ux.js), found again
// by the form's id; a form one types words into without an id (the reason
// for returning a department's files) lost them.
func TestFormsWithTypedTextHaveAnID(t *testing.T) {
	form := regexp.MustCompile(`(?s)<form method="post"[^>]*>.*?</form>`)
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(templateFS, name)
		for _, f := range form.FindAllString(string(b), -1) {
			open := f[:strings.Index(f, ">")+1]
			if strings.Contains(f, `type="password"`) || strings.Contains(open, ` id="`) || !typesIn(f) {
				continue
			}
			t.Errorf("%s: a form to type in has no id, so its text is not kept across a login: %.120s", name, open)
		}
	}
}

// typesIn tells whether a form's template has a field one types or picks
// in: a textarea, a select or an input other than a hidden one, a file or
// a button.
func typesIn(form string) bool {
	if strings.Contains(form, "<textarea") || strings.Contains(form, "<select") {
		return true
	}
	for rest := form; ; {
		i := strings.Index(rest, "<input")
		if i < 0 {
			return false
		}
		rest = rest[i+len("<input"):]
		tag := rest
		if j := strings.Index(tag, "<"); j >= 0 {
			tag = tag[:j]
		}
		if !regexp.MustCompile(`type="(?:hidden|file|submit|button|checkbox|radio)"`).MatchString(tag) {
			return true
		}
	}
}
