package catalog

import (
	"context"
	"database/sql"
	"testing"
)

// TestWriterKeepsStatementJournalInMemory holds that the SQLite writer
// keeps temporary data, a statement's journal among it, in memory
// (temp_store 2): spilled to a file it cost two writes a page of every
// large INSERT, a batch's bands for one.
func TestWriterKeepsStatementJournalInMemory(t *testing.T) {
	s := openTestStore(t)
	var mode int
	if err := s.writer.QueryRowContext(context.Background(), `PRAGMA temp_store`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != 2 {
		t.Fatalf("writer's temp_store: got %d, want 2 (MEMORY)", mode)
	}
}

// TestWriterHoldsTheBandIndexInCache holds the writer's page cache and
// WAL checkpoint sizes (writerPragmas), and the WAL cut back after a
// checkpoint: with SQLite's defaults (2 MB,
// every 1,000 pages) recording a batch's near-duplicate bands cost a
// document 1.5–1.8 times as much CPU at 50,000 documents
// (BenchmarkCatalogGrowth). Readers keep the default: their queries touch
// few pages, and each of the eight would hold its own copy.
func TestWriterHoldsTheBandIndexInCache(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	pragma := func(db interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}, name string) int {
		t.Helper()
		var v int
		if err := db.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		name       string
		writer, db int
	}{
		{"cache_size", -32768, -2000},
		{"wal_autocheckpoint", 8000, 1000},
		{"journal_size_limit", 32 << 20, -1},
	} {
		if got := pragma(s.writer, c.name); got != c.writer {
			t.Errorf("writer's %s: got %d, want %d", c.name, got, c.writer)
		}
		if got := pragma(s.db, c.name); got != c.db {
			t.Errorf("readers' %s: got %d, want SQLite's default %d", c.name, got, c.db)
		}
	}
}

// TestWriterCommitsDurably holds that the writer syncs the WAL at each
// commit (synchronous FULL, 2): with NORMAL (1) a power loss rolls back
// what was committed since the last checkpoint, an upload already
// answered among it (writerPragmas).
func TestWriterCommitsDurably(t *testing.T) {
	s := openTestStore(t)
	var mode int
	if err := s.writer.QueryRowContext(context.Background(), `PRAGMA synchronous`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != 2 {
		t.Fatalf("writer's synchronous: got %d, want 2 (FULL)", mode)
	}
}
