package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestVerifiedTextsHoldATextToItsRecord: a text whose hash the catalog
// recorded reads whole as it was written; put back with one character
// changed it reads as damaged (ErrBadText) by LoadText and by TextPages
// read through and Verified, and a part of it read by range or opened to
// be served as it is read is refused; a text with no record is passed as
// it is; a version verified whole is not checked again.
func TestVerifiedTextsHoldATextToItsRecord(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	folder, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	const recorded, unrecorded = "aa11", "bb22"
	text := &ingest.StoredText{Extractor: "txt", Pages: []string{"全年共举办342场市民大讲堂。", "第二页"}}
	h, err := ingest.SaveText(ctx, folder, recorded, text)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.RecordTextHash(ctx, recorded, h); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.SaveText(ctx, folder, unrecorded, text); err != nil {
		t.Fatal(err)
	}
	store := ingest.NewVerifiedTexts(folder, cat)

	readThrough := func(sha string) error {
		tp, err := ingest.OpenTextPages(ctx, store, sha)
		if err != nil {
			return err
		}
		defer tp.Close()
		for tp.Next() {
			if _, err := tp.Page(1 << 20); err != nil {
				return err
			}
		}
		if err := tp.Err(); err != nil {
			return err
		}
		return tp.Verify()
	}
	for _, sha := range []string{recorded, unrecorded} {
		if got, err := ingest.LoadText(ctx, store, sha); err != nil || got.Pages[0] != text.Pages[0] {
			t.Errorf("%s as written: %v %v", sha, got, err)
		}
		if err := readThrough(sha); err != nil {
			t.Errorf("%s as written, read through: %v", sha, err)
		}
	}

	// Read again unchanged, a text verified whole is not asked of the
	// catalog again.
	before := cat.Statements()
	if _, err := ingest.LoadText(ctx, store, recorded); err != nil {
		t.Fatal(err)
	}
	if n := cat.Statements() - before; n != 0 {
		t.Errorf("a text read again as verified before: %d catalog statements, want none", n)
	}

	for _, sha := range []string{recorded, unrecorded} {
		key := catalog.TextKey(sha)
		rc, err := folder.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		body = bytes.Replace(body, []byte("342"), []byte("442"), 1)
		if err := folder.Put(ctx, key, bytes.NewReader(body), int64(len(body)), "application/json"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ingest.LoadText(ctx, store, recorded); !errors.Is(err, ingest.ErrBadText) || catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("changed text loaded: %v, want ErrBadText with ECONFLICT", err)
	}
	if err := readThrough(recorded); !errors.Is(err, ingest.ErrBadText) {
		t.Errorf("changed text read through: %v, want ErrBadText", err)
	}
	if got, err := ingest.LoadText(ctx, store, unrecorded); err != nil || got.Pages[0] != "全年共举办442场市民大讲堂。" {
		t.Errorf("changed text with no record: %v %v, want it read (check says it has no record)", got, err)
	}
	// A part of a text is read only of a version found as recorded: of
	// the changed text, none; of the one with no record, as it is.
	if _, err := store.GetRange(ctx, catalog.TextKey(recorded), 5, 10, ""); !errors.Is(err, ingest.ErrBadText) || catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("a range of the changed text: %v, want ErrBadText with ECONFLICT", err)
	}
	if _, err := ingest.OpenCheckedTextPages(ctx, store, recorded); !errors.Is(err, ingest.ErrBadText) {
		t.Errorf("the changed text opened to be served as read: %v, want ErrBadText", err)
	}
	rc, err := store.GetRange(ctx, catalog.TextKey(unrecorded), 5, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if part, err := io.ReadAll(rc); err != nil || len(part) != 10 {
		t.Errorf("a range of the changed text with no record: %q %v, want its bytes as they are", part, err)
	}
	rc.Close()
}

// TestVerifiedTextsCheckAVersionOnceForItsParts: parts of a big text
// (2.4 MB) asked for at once by several readers are read after one check
// of the whole, hashed once; the version found as recorded serves later
// parts, a read through and a text opened to be served without being
// hashed again; the text written anew is checked anew; put back with one
// figure changed it is refused every time it is asked for, not found
// damaged once and then served.
func TestVerifiedTextsCheckAVersionOnceForItsParts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	folder, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	const sha = "cc33"
	pages := make([]string, 40)
	for i := range pages {
		pages[i] = fmt.Sprintf("第%d页：", i+1) + strings.Repeat("全年共举办342场市民大讲堂。", 1500)
	}
	save := func(pages []string) {
		t.Helper()
		h, err := ingest.SaveText(ctx, folder, sha, &ingest.StoredText{Extractor: "txt", Pages: pages})
		if err != nil {
			t.Fatal(err)
		}
		if err := cat.RecordTextHash(ctx, sha, h); err != nil {
			t.Fatal(err)
		}
	}
	save(pages)
	store := ingest.NewVerifiedTexts(folder, cat).(*ingest.VerifiedTexts)
	key := catalog.TextKey(sha)
	part := func() error {
		rc, err := store.GetRange(ctx, key, 1<<20, 64, "")
		if err != nil {
			return err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err == nil && len(b) != 64 {
			err = fmt.Errorf("read %d bytes of 64", len(b))
		}
		return err
	}

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() { errs <- part() })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a part of the text as written: %v", err)
		}
	}
	if n := store.Hashed(); n != 1 {
		t.Errorf("8 parts of a text asked for at once: hashed %d times, want once", n)
	}
	if err := part(); err != nil {
		t.Fatal(err)
	}
	tp, err := ingest.OpenCheckedTextPages(ctx, store, sha)
	if err != nil {
		t.Fatal(err)
	}
	if !tp.Next() {
		t.Fatalf("the text opened to be served has no page: %v", tp.Err())
	}
	if first, err := tp.Page(1 << 20); err != nil || first != pages[0] {
		t.Errorf("page 1 of the text opened to be served: %.20q… %v", first, err)
	}
	tp.Close()
	if got, err := ingest.LoadText(ctx, store, sha); err != nil || len(got.Pages) != len(pages) {
		t.Fatalf("the text read whole: %v", err)
	}
	if n := store.Hashed(); n != 1 {
		t.Errorf("the version found as recorded read again (a part, served, whole): hashed %d times in all, want once", n)
	}

	pages[39] = "第40页：全年共举办343场市民大讲堂。"
	save(pages)
	if err := part(); err != nil {
		t.Fatalf("a part of the text written anew: %v", err)
	}
	if n := store.Hashed(); n != 2 {
		t.Errorf("the text written anew: hashed %d times in all, want twice (each version once)", n)
	}

	rc, err := folder.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rc)
	rc.Close()
	body = bytes.Replace(body, []byte("第40页：全年共举办343场"), []byte("第40页：全年共举办443场"), 1)
	if err := folder.Put(ctx, key, bytes.NewReader(body), int64(len(body)), "application/json"); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := part(); !errors.Is(err, ingest.ErrBadText) || catalog.ErrorCode(err) != catalog.ECONFLICT {
			t.Errorf("a part of the text changed in the store, asked for the %d. time: %v, want ErrBadText with ECONFLICT", i+1, err)
		}
	}
}
