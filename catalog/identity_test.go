package catalog

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCatalogIdentityIsGivenOnceAndAnewAtARestore: a catalog has one
// random identity from its first migration on, the same at every open;
// MarkRestored (evidence restore) gives it a new one and remembers the
// one it replaced.
func TestCatalogIdentityIsGivenOnceAndAnewAtARestore(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		first, err := s.Identity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(first.ID) < 20 || first.CreatedAt.IsZero() || first.RestoredFrom != "" {
			t.Fatalf("a new catalog's identity is %+v, want a random id, its time and no restore", first)
		}
		var rows int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM catalog_identity`).Scan(&rows); err != nil || rows != 1 {
			t.Fatalf("catalog_identity holds %d rows (%v), want 1", rows, err)
		}
		restored, err := s.MarkRestored(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if restored.ID == first.ID || len(restored.ID) < 20 {
			t.Errorf("after a restore the identity is %q, want a new one (it was %q)", restored.ID, first.ID)
		}
		if restored.RestoredFrom != first.ID || restored.RestoredAt.IsZero() {
			t.Errorf("after a restore: restored from %q at %v, want %q and a time", restored.RestoredFrom, restored.RestoredAt, first.ID)
		}
		if again, err := s.Identity(ctx); err != nil || again != restored {
			t.Errorf("identity read again: %+v %v, want %+v", again, err, restored)
		}
	})
}

// TestCatalogIdentityStaysAcrossOpens: opening a catalog again, which
// runs no migration, and a snapshot of it (what evidence backup keeps)
// hold the identity it was given.
func TestCatalogIdentityStaysAcrossOpens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "catalog.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(dir, "snapshot.db")
	if err := s.Snapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range []string{path, snap} {
		s, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Identity(ctx)
		s.Close()
		if err != nil || got != want {
			t.Errorf("%s opened again: identity %+v (%v), want %+v", filepath.Base(p), got, err, want)
		}
	}
}

// TestFollowCheckpointKnowsTheLastTwoMarks: a node's checkpoint knows the
// mark it recorded last and the one before (the node may have stopped
// between recording a new mark and keeping it in its folder), no older
// one, and none of another node.
func TestFollowCheckpointKnowsTheLastTwoMarks(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const 杭州, 宁波 = "杭州-节点-1", "宁波-节点-2"
		if _, err := s.FollowCheckpoint(ctx, 杭州); ErrorCode(err) != ENOTFOUND {
			t.Fatalf("checkpoint of a node that recorded none: %v, want ENOTFOUND", err)
		}
		m1, m2, m3 := NewFollowMark(), NewFollowMark(), NewFollowMark()
		if m1 == m2 {
			t.Fatalf("two new marks are both %q", m1)
		}
		for _, r := range []struct {
			seq  int64
			mark string
		}{{5, m1}, {9, m2}, {12, m3}, {12, m3}} {
			if err := s.RecordFollowCheckpoint(ctx, 杭州, r.seq, r.mark); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RecordFollowCheckpoint(ctx, 宁波, 40, m1); err != nil {
			t.Fatal(err)
		}
		c, err := s.FollowCheckpoint(ctx, 杭州)
		if err != nil {
			t.Fatal(err)
		}
		if c.Seq != 12 || !c.Knows(m3) || !c.Knows(m2) || c.Knows(m1) || c.Knows("") {
			t.Errorf("checkpoint %+v: want seq 12 knowing %s and %s, not %s", c, m3, m2, m1)
		}
	})
}
