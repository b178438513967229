package api

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/packs"
)

// TestEvidencePackInTheAskedLanguage: ?lang=en (or the English pages'
// cookie, or Accept-Language) gives the pack in English, as it gives the
// report; without one it stays Chinese.
func TestEvidencePackInTheAskedLanguage(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	e.value(doc)
	han := regexp.MustCompile(`\p{Han}`)
	for _, tt := range []struct {
		query, acceptLanguage string
		english               bool
	}{
		{"&lang=en", "", true},
		{"", "en-US,en;q=0.9", true},
		{"", "", false},
		{"&lang=zh", "en-US", false},
	} {
		req := e.request("GET", "/api/v1/packs/"+cityA+"?round=2017"+tt.query, nil)
		if tt.acceptLanguage != "" {
			req.Header.Set("Accept-Language", tt.acceptLanguage)
		}
		resp, body, err := e.fetch(req, "coordA")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("pack %q: %v %v %.200s", tt.query, resp, err, body)
		}
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatal(err)
		}
		var readme []byte
		for _, f := range zr.File {
			if f.Name == packs.ReadmeName {
				rc, _ := f.Open()
				readme, _ = io.ReadAll(rc)
				rc.Close()
			}
		}
		named := strings.Contains(resp.Header.Get("Content-Disposition"), "evidence-pack-")
		if named != tt.english || han.Match(readme) == tt.english {
			t.Errorf("pack %q (Accept-Language %q): named %q, README %.80q; want English %v",
				tt.query, tt.acceptLanguage, resp.Header.Get("Content-Disposition"), readme, tt.english)
		}
	}
}
