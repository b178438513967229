package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAPastedPassagesKeyIsNotItsHash: the key a pasted 工作总结 passage is
// kept under is no hash anyone can compute from the text, so the address
// an outsider computes from a text he knows (the first 128 bits of its
// SHA-256, the key before the archive's secret) finds nothing and asks
// for the passage to be pasted again, as a link of that kind from before
// the change does: it tells no one whether the text was pasted.
func TestAPastedPassagesKeyIsNotItsHash(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330200", "2018年工作总结.txt", testenv.WorkSummary)
	zhou := s.login("zhou")

	resp, _ := zhou.post("/search", url.Values{"q": {testenv.SummaryPassage}, "city": {"330200"}})
	key := resp.Request.URL.Query().Get("passage")
	if resp.StatusCode != http.StatusOK || len(key) != 32 {
		t.Fatalf("the posted passage's search is at %s (%d), want /search?passage=KEY", resp.Request.URL, resp.StatusCode)
	}
	sum := sha256.Sum256([]byte(testenv.SummaryPassage))
	guessed := hex.EncodeToString(sum[:16])
	if key == guessed {
		t.Errorf("the passage is kept under SHA-256(text)[:16] = %s: anyone knowing the text finds its search", key)
	}
	resp, body := zhou.get("/search?passage=" + guessed)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(textOf(body), "请重新粘贴段落检索") {
		t.Errorf("the text's SHA-256 as a key: %d %.300s, want 404 saying to paste the passage again", resp.StatusCode, textOf(body))
	}
}
