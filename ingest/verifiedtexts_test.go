package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestVerifiedTextsHoldATextToItsRecord: a text whose hash the catalog
// recorded reads whole as it was written; put back with one character
// changed it reads as damaged (ErrBadText) by LoadText and by TextPages
// read through and Verified; a text with no record, and the part of one
// read by range, are passed as they are; a version verified whole is
// not checked again.
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
	rc, err := store.GetRange(ctx, catalog.TextKey(recorded), 5, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	if part, err := io.ReadAll(rc); err != nil || len(part) != 10 {
		t.Errorf("a range of the changed text: %q %v, want its bytes as they are", part, err)
	}
	rc.Close()
}
