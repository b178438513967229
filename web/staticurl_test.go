package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestStaticURLsCarryTheirFilesHash: the upload page asks for its script
// and stylesheet with the hash of each file's bytes, so a browser holding
// an earlier build's upload.js (cached for an hour) fetches the new one
// with the new page; the versioned address serves the file. No template
// names a static file without its hash.
func TestStaticURLsCarryTheirFilesHash(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	_, body := wang.get("/upload")
	for _, name := range []string{"upload.js", "pageorder.js", "ux.js", "app.css"} {
		b, err := fs.ReadFile(staticFS, "static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		want := "/static/" + name + "?v=" + hex.EncodeToString(sum[:6])
		if !strings.Contains(body, `"`+want+`"`) {
			t.Errorf("上传材料 does not ask for %s (its bytes' hash in the address):\n%.1500s", want, body)
			continue
		}
		resp, err := http.Get(s.srv.URL + want)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(got) != string(b) {
			t.Errorf("GET %s: %d, %d bytes, want the file's %d", want, resp.StatusCode, len(got), len(b))
		}
	}
	bare := regexp.MustCompile(`"/static/[^"?]*"`)
	matches, _ := fs.Glob(templateFS, "templates/*.html")
	for _, m := range matches {
		b, _ := fs.ReadFile(templateFS, m)
		if found := bare.FindAllString(string(b), -1); found != nil {
			t.Errorf("%s names static files without their hash (use {{static \"…\"}}): %v", m, found)
		}
	}
}

// TestUploadScriptSaysStoredWithoutTheServersDuplicateWording: a server
// of an earlier build, met in a rolling upgrade, sends no duplicate_label;
// upload.js then says the file is stored rather than "undefined".
func TestUploadScriptSaysStoredWithoutTheServersDuplicateWording(t *testing.T) {
	b, err := fs.ReadFile(staticFS, "static/upload.js")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "doc.duplicate_label || words.stored") {
		t.Errorf("upload.js has no fallback for a duplicate without the server's wording")
	}
}
