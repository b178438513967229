package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// imageDocument records a scanned page (a PNG, 600×800) of city in the
// catalog and the blob store, without running the pipeline, and returns
// its ID.
func (e *env) imageDocument(city string) string {
	e.t.Helper()
	img := image.NewGray(image.Rect(0, 0, 600, 800))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y := 100; y < 700; y += 40 {
		for x := 60; x < 540; x++ {
			img.SetGray(x, y, color.Gray{})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		e.t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	sha := hex.EncodeToString(sum[:])
	ctx := context.Background()
	if err := e.te.Blobs.Put(ctx, catalog.OriginalKey(sha), bytes.NewReader(buf.Bytes()), int64(buf.Len()), "image/png"); err != nil {
		e.t.Fatal(err)
	}
	d := &catalog.Document{ID: fmt.Sprintf("SCAN%06d", e.next()), SHA256: sha, Size: int64(buf.Len()), MIME: "image/png",
		Format: "image", Filename: "扫描件.png", Title: "扫描的通知", DocType: catalog.DocMeetingNotice, City: city,
		Status: catalog.StatusIndexed, Pages: 1, UploadedBy: "test"}
	if err := e.cat.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
		e.t.Fatal(err)
	}
	return d.ID
}

func TestDocumentThumbnail(t *testing.T) {
	e := newEnv(t)
	scan := e.imageDocument(cityA)
	text := e.bareDocument(cityA)
	// The same scan in the other city, failed: a file the sandbox did not
	// read through is not drawn.
	failed := e.imageDocument(cityB)
	if err := e.cat.SetStatus(context.Background(), catalog.StatusChange{ID: failed, Status: catalog.StatusFailed, Error: "无法读取"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, role string
		status           int
	}{
		{"the page of a scan", "/api/v1/documents/" + scan + "/pages/1/thumbnail", "coordA", 200},
		{"another city's coordinator", "/api/v1/documents/" + scan + "/pages/1/thumbnail", "coordB", 404},
		{"a page past the end", "/api/v1/documents/" + scan + "/pages/2/thumbnail", "coordA", 404},
		{"a page that is no number", "/api/v1/documents/" + scan + "/pages/一/thumbnail", "coordA", 400},
		{"a text file has no pages to draw", "/api/v1/documents/" + text + "/pages/1/thumbnail", "coordA", 415},
		{"a failed file is not drawn", "/api/v1/documents/" + failed + "/pages/1/thumbnail", "admin", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := e.request("GET", tt.path, nil)
			req.Header.Set("Authorization", "Bearer "+e.tokens[tt.role])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s as %s: %d %s, want %d", tt.path, tt.role, resp.StatusCode, body, tt.status)
			}
			if tt.status != 200 {
				return
			}
			img, err := png.Decode(bytes.NewReader(body))
			if err != nil || resp.Header.Get("Content-Type") != "image/png" {
				t.Fatalf("thumbnail is %s, decoding: %v", resp.Header.Get("Content-Type"), err)
			}
			if b := img.Bounds(); b.Dx() != 150 || b.Dy() != 200 {
				t.Errorf("thumbnail of a 600×800 page is %d×%d, want 150×200", b.Dx(), b.Dy())
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "private, max-age=86400" {
				t.Errorf("Cache-Control %q", cc)
			}
			again := e.request("GET", tt.path, nil)
			again.Header.Set("Authorization", "Bearer "+e.tokens[tt.role])
			again.Header.Set("If-None-Match", resp.Header.Get("ETag"))
			resp2, err := http.DefaultClient.Do(again)
			if err != nil {
				t.Fatal(err)
			}
			resp2.Body.Close()
			if resp2.StatusCode != http.StatusNotModified {
				t.Errorf("GET with its ETag %s: %d, want 304", resp.Header.Get("ETag"), resp2.StatusCode)
			}
		})
	}
}
