package catalog

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestDocumentIndexesHoldWhatIsAsked: migration 050 leaves document
// with indexes that the ingest's status moves touch less (bench/README.md,
// ingest step 28): the readers' index without the bytes, and the first
// indexed times and the 文号 without the documents that have none yet. It
// may run again.
func TestDocumentIndexesHoldWhatIsAsked(t *testing.T) {
	forEachStore(t, testDocumentIndexesHoldWhatIsAsked)
}

func testDocumentIndexesHoldWhatIsAsked(t *testing.T, s *Store) {
	at := migrationAt(t, s, "_document_index_writes.sql")
	for range 2 {
		runMigrationAgain(t, s, at)
	}
	names := documentIndexes(t, s)
	for _, want := range []string{"document_reader_status", "document_first_indexed", "document_doc_number_set",
		"document_live_sha_city", "document_seq", "document_status_order"} {
		if !slices.Contains(names, want) {
			t.Errorf("document lacks index %s: %v", want, names)
		}
	}
	for _, gone := range []string{"document_reader", "document_indexed_at", "document_doc_number"} {
		if slices.Contains(names, gone) {
			t.Errorf("document still has index %s: %v", gone, names)
		}
	}
}

// documentIndexes are the names of the indexes of document.
func documentIndexes(t *testing.T, s *Store) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'document'`
	if s.dialect.name == postgresDialect.name {
		q = `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'document'`
	}
	rows, err := s.db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

// TestIndexedSinceReadsTheIndexedOnly: on SQLite a saved search's new
// documents are read in order from the partial index of the documents
// indexed at least once, not from every document's row nor through a
// sort.
func TestIndexedSinceReadsTheIndexedOnly(t *testing.T) {
	s := openTestStore(t)
	plan := strings.Join(queryPlan(t, s, indexedSinceSQL, []any{"2026-01-01T00:00:00Z", 11}), "\n")
	// SQLite's words as the pinned modernc.org/sqlite prints them.
	if !strings.Contains(plan, "USING INDEX document_first_indexed (indexed_at>?)") || strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("the new documents of a saved search are not read in order from document_first_indexed:\n%s", plan)
	}
}
