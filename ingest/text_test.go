package ingest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
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
	// With its head as today's readers keep it: a head-less text is read
	// again from its original (StoredText.Headless).
	head, _, _ := strings.Cut(body, "\n")
	want, err := ingest.SaveText(context.Background(), e.Blobs, sha, &ingest.StoredText{Extractor: "txt", Version: extract.VersionOf("txt"),
		Pages: []string{body}, Head: head})
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

// unavailable is a blob store whose objects under prefix cannot be read
// for now, as an S3 store's during an outage.
type unavailable struct {
	blob.Store
	prefix string
}

func (s unavailable) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, s.prefix) {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储暂时不可用")
	}
	return s.Store.Get(ctx, key)
}

func (s unavailable) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, s.prefix) {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储暂时不可用")
	}
	return s.Store.GetRange(ctx, key, off, n, version)
}

// TestCheckDoesNotCallAnUnavailableStoreDamage: check fails with the
// store's error instead of listing good objects as damaged (texts that
// repair would then delete).
func TestCheckDoesNotCallAnUnavailableStoreDamage(t *testing.T) {
	e := testenv.New(t)
	e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	for _, prefix := range []string{"text/", ""} {
		problems, err := ingest.Check(context.Background(), e.Catalog, unavailable{e.Blobs, prefix}, e.Index, nil)
		if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
			t.Errorf("check with %q objects unavailable: %v, problems %v; want EUNAVAILABLE", prefix, err, problems)
		}
	}
	if problems, err := ingest.Check(context.Background(), e.Catalog, e.Blobs, e.Index, nil); err != nil || len(problems) > 0 {
		t.Errorf("check with the store back: %v, %v; want nothing", problems, err)
	}
}

// breaksOff is a blob store whose texts stop with err after a few bytes.
type breaksOff struct {
	blob.Store
	err error
}

func (s breaksOff) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if !strings.HasPrefix(key, "text/") {
		return s.Store.Get(ctx, key)
	}
	return io.NopCloser(io.MultiReader(strings.NewReader(`{"pages": ["通`), iotest.ErrReader(s.err))), nil
}

// TestTextThatBreaksOffIsDamagedUnlessTheStoreIsDown: a text blob whose
// reading fails midway is damaged (read again from the original), unless
// the store itself is out of reach, which is retried later instead.
func TestTextThatBreaksOffIsDamagedUnlessTheStoreIsDown(t *testing.T) {
	for _, c := range []struct {
		err     error
		damaged bool
	}{
		{errors.New("input/output error"), true},
		{catalog.Errorf(catalog.EUNAVAILABLE, "对象存储暂时不可用"), false},
	} {
		_, err := ingest.LoadText(context.Background(), breaksOff{nil, c.err}, strings.Repeat("a", 64))
		if err == nil || errors.Is(err, ingest.ErrBadText) != c.damaged {
			t.Errorf("text breaking off with %q: %v; want damaged %v", c.err, err, c.damaged)
		}
	}
}

// TestRepairLeavesADocumentWhoseOriginalIsBad: a document whose original
// cannot be read (the blob folder not mounted, say) keeps its text and
// status: reading it again could only fail it.
func TestRepairLeavesADocumentWhoseOriginalIsBad(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	if err := e.Blobs.Delete(ctx, catalog.OriginalKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	if err := e.Blobs.Delete(ctx, catalog.TextKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	checkAndRepair(t, e, 2, 0) // the original and the text; nothing queued
	if got, err := e.Catalog.Document(ctx, d.ID); err != nil || got.Status != catalog.StatusIndexed {
		t.Errorf("after repair: %+v, %v; want still indexed", got, err)
	}
}

// TestRepairForgetsTheTextHash: repair drops a damaged text's recorded
// hash with the text, so that the text read again records its own hash
// even if the server stops before the document's extraction is recorded.
func TestRepairForgetsTheTextHash(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload(hangzhou, "通知.txt", testenv.NoticeFinal)
	if _, err := e.Catalog.TextHashOf(ctx, d.SHA256); err != nil {
		t.Fatalf("no text hash recorded for an indexed document: %v", err)
	}
	if err := e.Blobs.Put(ctx, catalog.TextKey(d.SHA256), strings.NewReader("{损坏"), -1, "application/json"); err != nil {
		t.Fatal(err)
	}
	checkAndRepair(t, e, 1, 1) // the damaged text; the document queued
	if h, err := e.Catalog.TextHashOf(ctx, d.SHA256); !catalog.IsNotFound(err) {
		t.Errorf("after repair the damaged text's hash is still recorded: %+v, %v", h, err)
	}
}

// checkAndRepair runs check, wanting that many problems, and repair on
// them, wanting that many documents queued to be read again.
func checkAndRepair(t *testing.T, e *testenv.Env, problems, queued int) {
	t.Helper()
	ctx := context.Background()
	found, err := ingest.Check(ctx, e.Catalog, e.Blobs, e.Index, nil)
	if err != nil || len(found) != problems {
		t.Fatalf("check: %v, %v; want %d problems", found, err, problems)
	}
	ids, err := ingest.Repair(ctx, e.Catalog, e.Blobs, found)
	if err != nil || len(ids) != queued {
		t.Fatalf("repair queued %v (%v); want %d documents", ids, err, queued)
	}
}

// TestCheckSaysAMissingOriginalInChinese: an original deleted from the
// store is 原件缺失 with its key, in Chinese alone (it was "原件无法读取：get
// originals/…: ENOTFOUND: …"); the English line says it in English.
func TestCheckSaysAMissingOriginalInChinese(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload(hangzhou, "学分银行通知.txt", testenv.NoticeFinal)
	key := catalog.OriginalKey(d.SHA256)
	if err := e.Blobs.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	found, err := ingest.Check(ctx, e.Catalog, e.Blobs, e.Index, nil)
	if err != nil || len(found) != 1 {
		t.Fatalf("check: %v, %v; want the missing original", found, err)
	}
	p := found[0]
	if p.Kind != ingest.ProblemOriginal || p.What != "原件缺失：存储中没有 "+key {
		t.Errorf("problem %q (%s), want 原件缺失 naming %s", p.What, p.Kind, key)
	}
	if p.WhatEnglish != "the original is missing: the store has no "+key {
		t.Errorf("English %q", p.WhatEnglish)
	}
}
