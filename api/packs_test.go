package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/packs"
)

// fetch sends req as role and returns the response and the whole body,
// or the error that cut the body short.
func (e *env) fetch(req *http.Request, role string) (*http.Response, []byte, error) {
	e.t.Helper()
	req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestEvidencePackDownload(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "num.txt", numbersText)
	e.value(doc)
	resp, body, err := e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017", nil), "expert")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("pack: %v %v %.200s", resp, err, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/zip" {
		t.Errorf("content type %q, want application/zip", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ".zip") {
		t.Errorf("content disposition %q, want an attachment named *.zip", cd)
	}
	v, err := packs.Verify(bytes.NewReader(body), int64(len(body)))
	if err != nil || !v.OK() || v.Files != 3 {
		t.Errorf("downloaded pack: %+v %v, want the original, report and README, all verified", v, err)
	}

	resp, body, _ = e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=1999", nil), "coordA")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "1999") {
		t.Errorf("pack of a round that does not exist: %d %s, want 400 naming it", resp.StatusCode, body)
	}

	resp, body, _ = e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017&indicator=2.2", nil), "coordA")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "2.2") {
		t.Errorf("pack of area 2.2: %d %s, want 400 naming it", resp.StatusCode, body)
	}
	resp, body, _ = e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017&indicator=2.2.1", nil), "coordA")
	if v, err := packs.Verify(bytes.NewReader(body), int64(len(body))); resp.StatusCode != http.StatusOK || err != nil || v.Files != 3 ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "2.2.1") {
		t.Errorf("pack of 2.2.1: %d %q %+v %v, want the value's source, named for 2.2.1", resp.StatusCode, resp.Header.Get("Content-Disposition"), v, err)
	}

	// A damaged original cuts the download (before the headers, or part
	// way): the client sees an error, never a pack that reads as whole.
	d := e.mustDoc(doc)
	if err := e.te.Blobs.Put(context.Background(), catalog.OriginalKey(d.SHA256), strings.NewReader("坏了"), -1, ""); err != nil {
		t.Fatal(err)
	}
	if _, body, err := e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017", nil), "admin"); err == nil {
		if _, verr := packs.Verify(bytes.NewReader(body), int64(len(body))); verr == nil {
			t.Errorf("a pack with a damaged original was delivered whole and readable")
		}
	}
}
