package catalog

import (
	"context"
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
