package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/s3gw"
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

	// A damaged original is found before the pack's first byte: the
	// client is told which document and how to mend it, never handed a
	// pack cut short with the reason in the server's log only.
	d := e.mustDoc(doc)
	if err := e.te.Blobs.Put(context.Background(), catalog.OriginalKey(d.SHA256), strings.NewReader("坏了"), -1, ""); err != nil {
		t.Fatal(err)
	}
	resp, body, err = e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017", nil), "admin")
	if err != nil || resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "佐证材料包中有 1 份原件已损坏或缺失") ||
		!strings.Contains(string(body), "《"+d.Title+"》") || !strings.Contains(string(body), "重新上传") {
		t.Errorf("pack with a damaged original: %d %s %v, want 409 naming the document and how to mend it", resp.StatusCode, body, err)
	}
	if !strings.Contains(string(body), `original of the pack is damaged or missing: “`+d.Title+`”.`) || strings.Count(string(body), "《") != 1 {
		t.Errorf("pack with a damaged original, in English: %s, want the title in “” as the document's message has it (《》 in Chinese only)", body)
	}
	if flagged, err := ingest.OriginalFlagged(context.Background(), e.cat, d.ID); err != nil || !flagged {
		t.Errorf("the damaged original found by the pack is not recorded on its document: %v %v", flagged, err)
	}
}

// TestADamagedOriginalIsNeverDownloadedAsWhole: a download of an original
// whose bytes no longer hash to its SHA-256 is cut before its last piece
// (the client keeps no corrupt file that looks whole), the document is
// marked, and the next request is told how to mend it; the same file
// uploaded again mends it and it downloads whole again.
func TestADamagedOriginalIsNeverDownloadedAsWhole(t *testing.T) {
	e := newEnv(t)
	text := strings.Repeat("杭州市学分银行建设工作总结，终身学习账户持续增加。", 60000) // over documents.SmallOriginal: streamed, in pieces of 64 KiB
	id := e.upload(cityA, "工作总结.txt", text)
	d := e.mustDoc(id)
	damaged := []byte(text)
	copy(damaged[70000:], "坏了坏了")
	if err := e.te.Blobs.Put(context.Background(), catalog.OriginalKey(d.SHA256), bytes.NewReader(damaged), int64(len(damaged)), ""); err != nil {
		t.Fatal(err)
	}
	resp, body, err := e.fetch(e.request("GET", "/api/v1/documents/"+id+"/original", nil), "coordA")
	if err == nil && bytes.Equal(body, damaged) {
		t.Fatalf("the damaged original was sent whole (%d, %d bytes)", resp.StatusCode, len(body))
	}
	resp, body, err = e.fetch(e.request("GET", "/api/v1/documents/"+id+"/original", nil), "coordA")
	if err != nil || resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "原件已损坏或缺失") || !strings.Contains(string(body), "同一文件重新上传") {
		t.Fatalf("second download of a damaged original: %d %s %v, want 409 saying how to mend it", resp.StatusCode, body, err)
	}
	// The same file again mends it.
	resp2, up := e.do(e.request("POST", "/api/v1/documents",
		uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2017"}, map[string][]byte{"工作总结.txt": []byte(text)})), "coordA")
	if resp2.StatusCode != http.StatusOK && resp2.StatusCode != http.StatusCreated {
		t.Fatalf("upload the same file again: %d %v", resp2.StatusCode, up)
	}
	resp, body, err = e.fetch(e.request("GET", "/api/v1/documents/"+id+"/original", nil), "coordA")
	if err != nil || resp.StatusCode != http.StatusOK || string(body) != text {
		t.Errorf("download after the repair: %d, %d bytes, %v; want the original whole", resp.StatusCode, len(body), err)
	}
}

// TestASmallDamagedOriginalIsRefusedBeforeItsFirstByte: an original small
// enough to hash before it is sent (documents.SmallOriginal), found
// damaged on its first download, is a 409 that says how to mend it, not
// a download cut short with no body and no reason; it is recorded on the
// document as a download's find.
func TestASmallDamagedOriginalIsRefusedBeforeItsFirstByte(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "学习活动通知.txt", "关于开展2017年全民终身学习活动周的通知。")
	d := e.mustDoc(id)
	if err := e.te.Blobs.Put(context.Background(), catalog.OriginalKey(d.SHA256), strings.NewReader("关于开展2017年全民终身学习活动周的通讯。"), -1, ""); err != nil {
		t.Fatal(err)
	}
	resp, body, err := e.fetch(e.request("GET", "/api/v1/documents/"+id+"/original", nil), "coordA")
	if err != nil || resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "《"+d.Title+"》的原件已损坏或缺失") ||
		!strings.Contains(string(body), "同一文件重新上传") || !strings.Contains(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("first download of a small damaged original: %d %q %s %v, want a 409 saying how to mend it", resp.StatusCode, resp.Header.Get("Content-Type"), body, err)
	}
	if flagged, err := ingest.OriginalFlagged(context.Background(), e.cat, id); err != nil || !flagged {
		t.Errorf("the small damaged original found by a download is not recorded on its document: %v %v", flagged, err)
	}
}

// TestAnOriginalFlaggedButWholeIsServedAndCleared: an original once
// found damaged that reads whole again (a store's passing fault, a file
// put back) is served, and the flag is cleared, so its page stops warning
// and later downloads hash it once.
func TestAnOriginalFlaggedButWholeIsServedAndCleared(t *testing.T) {
	e := newEnv(t)
	id := e.upload(cityA, "工作总结.txt", "杭州市学分银行建设工作总结。")
	ctx := context.Background()
	if err := ingest.FlagDamagedOriginal(ctx, e.cat, id, "download", "coordA"); err != nil {
		t.Fatal(err)
	}
	resp, body, err := e.fetch(e.request("GET", "/api/v1/documents/"+id+"/original", nil), "coordA")
	if err != nil || resp.StatusCode != http.StatusOK || string(body) != "杭州市学分银行建设工作总结。" {
		t.Fatalf("download of a flagged original that reads whole: %d %q %v", resp.StatusCode, body, err)
	}
	if flagged, err := ingest.OriginalFlagged(ctx, e.cat, id); err != nil || flagged {
		t.Errorf("the flag of an original read whole again: %v %v, want cleared", flagged, err)
	}
}

// TestEvidencePackOnS3NamesDamagedOriginals: with the originals on S3 (a
// Versity Gateway on loopback), a pack is whole while they are, and a
// damaged one, even after a pack hashed it whole, is a 409 naming it
// before the first byte.
func TestEvidencePackOnS3NamesDamagedOriginals(t *testing.T) {
	e := newEnv(t)
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	t.Cleanup(g.Close)
	ctx := context.Background()
	s3, err := blob.NewS3(ctx, blob.S3Config{Endpoint: g.Addr, Bucket: "packs", AccessKey: s3gw.AccessKey, SecretKey: s3gw.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	doc := e.upload(cityA, "num.txt", numbersText)
	e.value(doc)
	d := e.mustDoc(doc)
	key := catalog.OriginalKey(d.SHA256)
	rc, err := e.te.Blobs.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	err = s3.Put(ctx, key, rc, d.Size, "")
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	deps := e.deps
	deps.Packs = packs.NewService(deps.Reports, e.cat, s3)
	e.srv = httptest.NewServer(NewHandler(deps))
	t.Cleanup(e.srv.Close)
	resp, body, err := e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017", nil), "expert")
	if v, verr := packs.Verify(bytes.NewReader(body), int64(len(body))); err != nil || resp.StatusCode != http.StatusOK || verr != nil || !v.OK() {
		t.Fatalf("pack from S3: %v %v %+v %v", resp, err, v, verr)
	}
	if err := s3.Put(ctx, key, strings.NewReader("坏了"), -1, ""); err != nil {
		t.Fatal(err)
	}
	resp, body, err = e.fetch(e.request("GET", "/api/v1/packs/"+cityA+"?round=2017", nil), "admin")
	if err != nil || resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "佐证材料包中有 1 份原件已损坏或缺失") ||
		!strings.Contains(string(body), "《"+d.Title+"》") {
		t.Errorf("pack from S3 with a damaged original: %d %s %v, want 409 naming the document", resp.StatusCode, body, err)
	}
}
