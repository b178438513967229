package catalog

import (
	"context"
	"database/sql"
	"testing"
)

// TestWriterSettings holds the SQLite writer's settings (writerPragmas
// and the writer's own parameters), each against what SQLite does
// without it, and that the readers keep SQLite's defaults where the
// writer's would cost them (each of the eight would hold its own cache):
//   - temp_store 2 (MEMORY): a statement's journal spilled to a file cost
//     two writes a page of every large INSERT, a batch's bands for one;
//   - synchronous 2 (FULL): with NORMAL a power loss rolls back what was
//     committed since the last checkpoint, an upload already answered
//     among it;
//   - a 32 MiB page cache and a checkpoint every 8,000 pages: with the
//     defaults (2 MB, 1,000 pages) recording a batch's near-duplicate
//     bands cost a document 1.5–1.8 times as much CPU at 50,000 documents
//     (BenchmarkCatalogGrowth);
//   - the WAL cut back to 32 MiB after a checkpoint, or it keeps its
//     largest size.
func TestWriterSettings(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	pragma := func(db *sql.DB, name string) int {
		t.Helper()
		var v int
		if err := db.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		name   string
		writer int
		reader int // 0: not asked of the readers
	}{
		{"temp_store", 2, 0},
		{"synchronous", 2, 0},
		{"cache_size", -32768, -2000},
		{"wal_autocheckpoint", 8000, 1000},
		{"journal_size_limit", 32 << 20, -1},
	} {
		if got := pragma(s.writer, c.name); got != c.writer {
			t.Errorf("writer's %s: got %d, want %d", c.name, got, c.writer)
		}
		if c.reader != 0 {
			if got := pragma(s.db, c.name); got != c.reader {
				t.Errorf("readers' %s: got %d, want SQLite's default %d", c.name, got, c.reader)
			}
		}
	}
}
