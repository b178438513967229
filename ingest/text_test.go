package ingest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestTextSavedWithoutItsHashGetsIt: a text saved by an extraction whose
// catalog transaction then failed (which takes the text's hash with it)
// is used as it is when the document is read again, and its hash is
// recorded then, so that evidence check can hold the text to it.
func TestTextSavedWithoutItsHashGetsIt(t *testing.T) {
	e := testenv.New(t)
	body := testenv.NoticeFinal
	sum := sha256.Sum256([]byte(body))
	sha := hex.EncodeToString(sum[:])
	want, err := ingest.SaveText(context.Background(), e.Blobs, sha, &ingest.StoredText{Extractor: "txt", Version: 1, Pages: []string{body}})
	if err != nil {
		t.Fatal(err)
	}
	d := e.Upload(hangzhou, "通知.txt", body)
	if d.SHA256 != sha {
		t.Fatalf("the upload's SHA-256 %s, the saved text's %s", d.SHA256, sha)
	}
	if got, err := e.Catalog.TextHashOf(context.Background(), sha); err != nil || got != want {
		t.Errorf("text hash after the document was read: %+v, %v; want %+v", got, err, want)
	}
}
