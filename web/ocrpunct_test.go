package web

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestOCRPunctuationIsShownChinese: the text of a real OCR'd scan keeps
// OCR's ASCII marks, with spaces, in the stored form; search fragments
// and the document page show them full-width (85%， ，单位 ：, 〔2014〕),
// and searching finds the passage written either way (probe s27 §11).
func TestOCRPunctuationIsShownChinese(t *testing.T) {
	b, err := os.ReadFile("../catalog/testdata/ocr-scan-text.json")
	if err != nil {
		t.Fatal(err)
	}
	var stored struct{ Pages []string }
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	s := newSite(t)
	st, err := s.env.Ingest.Stage(strings.NewReader(stored.Pages[0]), "扫描件-实施意见.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	d := s.env.WaitFinished(out[0].Document.ID, catalog.StatusIndexed)
	zhou := s.login("zhou")
	for _, q := range []string{"覆盖率达到85%,", "覆盖率达到85%，"} {
		_, body := zhou.get("/search?q=" + url.QueryEscape(q))
		text := html.UnescapeString(textOf(fragments(body)))
		if !strings.Contains(body, d.ID) {
			t.Errorf("search %q does not find the OCR'd passage", q)
		}
		if !strings.Contains(text, "\uFF0C 建成") || strings.Contains(text, ", 建成") {
			t.Errorf("search %q: the fragment shows OCR's comma in ASCII:\n%.800s", q, text)
		}
	}
	_, body := zhou.get("/documents/" + d.ID)
	shown := html.UnescapeString(textOf(pageShown(body)))
	for _, want := range []string{"各直属单位 \uFF1A", "\uFF08教职成 \u30142014\u3015 10号 \uFF09\uFF0C", "85%\uFF0C 建成"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the document page lacks %q:\n%s", want, shown)
		}
	}
}

// fragments is the passages a search page shows, each <p class="frag">.
func fragments(body string) string {
	var b strings.Builder
	for _, part := range strings.Split(body, `<p class="frag">`)[1:] {
		end := strings.Index(part, "</p>")
		if end < 0 {
			end = len(part)
		}
		b.WriteString(part[:end])
		b.WriteString("\n")
	}
	return b.String()
}
