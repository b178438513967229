package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/report"
)

// serveOnce starts evidence serve on data with args added and stops it
// as soon as it listens; it returns what serve returned (nil when it
// started) and what it printed.
func serveOnce(t *testing.T, data string, args ...string) (error, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out bytes.Buffer
	err := runServe(ctx, append([]string{"--data", data, "--addr", "127.0.0.1:0"}, args...), &out, io.Discard,
		quietLogger(io.Discard), func(string) { cancel() })
	return err, out.String()
}

// boundTo reports whether the folder store in data names the catalog of
// data as its own.
func boundTo(t *testing.T, data string) bool {
	t.Helper()
	store, err := blob.NewFolder(filepath.Join(data, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := blob.ReadBinding(t.Context(), store)
	if err != nil {
		return false
	}
	return b.Names(catalogIdentity(t, data).ID)
}

// TestServeBindsTheStoreOfAnArchiveFromBefore: an archive whose store
// names no catalog (every archive made before bindings) starts as
// before, its originals being there, and from then on its store names
// its catalog; one whose store is swapped for an empty folder (a wrong
// blobs folder, the files moved away) refuses to start, naming the
// folder and --data, in Chinese and in English.
func TestServeBindsTheStoreOfAnArchiveFromBefore(t *testing.T) {
	for _, k := range []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	data := filepath.Join(t.TempDir(), "杭州档案")
	ingestFixtures(t, data)
	if boundTo(t, data) {
		t.Fatalf("ingest bound the store; only serve, restore and the copies bind it")
	}
	if err, out := serveOnce(t, data); err != nil {
		t.Fatalf("serve of an archive from before bindings: %v\n%s", err, out)
	}
	if !boundTo(t, data) {
		t.Errorf("serve did not bind the store it found holding the catalog's originals")
	}
	if err, _ := serveOnce(t, data); err != nil {
		t.Errorf("serve again on the bound store: %v", err)
	}

	blobs := filepath.Join(data, "blobs")
	if err := os.Rename(blobs, blobs+".moved"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(blobs, 0o755); err != nil {
		t.Fatal(err)
	}
	err, _ := serveOnce(t, data)
	if err == nil {
		t.Fatalf("serve started on an empty file store while the catalog holds 3 documents")
	}
	if zh := describeIn(err, report.Chinese); !strings.Contains(zh, "文件存储 "+blobs+" 中只找到目录中最新 3 个文档里 0 个的原件") || !strings.Contains(zh, "--data") {
		t.Errorf("serve refused with %q, want the folder named and --data to check", zh)
	}
	if en := describeIn(err, report.English); !strings.Contains(en, "of the newest 3 documents of the catalog, the originals of only 0") {
		t.Errorf("in English the refusal is %q", en)
	}
	if out, err := runCLI(t, "check", "--data", data); err == nil || !strings.Contains(err.Error(), "不是本档案库的文件存储") {
		t.Errorf("check on the wrong store: %v\n%s; want the same refusal", err, out)
	}

	// The files back, bound: serve starts again.
	if err := os.RemoveAll(blobs); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(blobs+".moved", blobs); err != nil {
		t.Fatal(err)
	}
	if err, out := serveOnce(t, data); err != nil {
		t.Errorf("serve with the files back: %v\n%s", err, out)
	}
}

// TestServeRefusesAStoreOfAnotherCatalog: a store that names another
// catalog as its own, and none of whose originals the catalog records,
// is refused, though a new archive sharing it would find it full.
func TestServeRefusesAStoreOfAnotherCatalog(t *testing.T) {
	for _, k := range []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	ours, theirs := filepath.Join(t.TempDir(), "宁波"), filepath.Join(t.TempDir(), "长沙")
	ingestFixtures(t, theirs)
	if err, out := serveOnce(t, theirs); err != nil {
		t.Fatalf("serve: %v\n%s", err, out)
	}
	// Ours is new: it holds nothing, and its store is theirs.
	if _, err := runCLI(t, "user", "add", "--data", ours, "--name", "admin", "--role", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(ours, "blobs")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(theirs, "blobs"), filepath.Join(ours, "blobs")); err != nil {
		t.Fatal(err)
	}
	err, _ := serveOnce(t, ours)
	if err == nil || !strings.Contains(describeIn(err, report.Chinese), "存放的是另一个目录（标识 "+catalogIdentity(t, theirs).ID+"）的文件") {
		t.Errorf("serve of an empty catalog on another's store: %v; want a refusal naming the other catalog", err)
	}
}
