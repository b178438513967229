package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestFileFormsSendTheTokenFirst: every form of the pages that sends
// files has its csrf_token before its first file input, so that the
// browser sends the token first (fields go in the order of the page) and
// the form is authorised before any file is read (checkCSRFFirst).
func TestFileFormsSendTheTokenFirst(t *testing.T) {
	forms := regexp.MustCompile(`(?s)<form[^>]*enctype="multipart/form-data".*?</form>`)
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, name := range names {
		b, err := fs.ReadFile(templateFS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range forms.FindAllString(string(b), -1) {
			found++
			token := strings.Index(form, `name="csrf_token"`)
			file := strings.Index(form, `type="file"`)
			if token < 0 || file >= 0 && token > file {
				t.Errorf("%s: a form with files sends its csrf_token (at %d) after its first file (at %d): %.120s", name, token, file, form)
			}
		}
	}
	if found < 6 {
		t.Errorf("found %d forms with files, want the six of upload, tasks, document, admin, assignments and values", found)
	}
}
