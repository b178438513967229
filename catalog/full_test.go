package catalog

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// TestFullCatalogWritesNothing fills the catalog's file (SQLite's page
// limit stands in for a full disk: both are SQLITE_FULL): a document that
// does not fit is refused with a message saying the storage is full, and
// nothing of it is left.
func TestFullCatalogWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	// max_page_count holds per connection: it is set on the one writer.
	var pages int
	if err := s.writer.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.writer.ExecContext(ctx, "PRAGMA max_page_count = "+strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	d := newDoc("D1", "aa")
	d.Title = strings.Repeat("学分银行", 20000) // more than the pages left
	err := s.CreateDocument(ctx, d, Submission{User: "zhang"})
	if ErrorCode(err) != EUNAVAILABLE || !strings.Contains(ErrorMessage(err), "存储空间已满") {
		t.Fatalf("create in a full catalog: %v (code %s), want EUNAVAILABLE saying the storage is full", err, ErrorCode(err))
	}
	if got, err := s.Document(ctx, "D1"); !IsNotFound(err) {
		t.Errorf("document after the failed write: %v, %v; want not found", got, err)
	}
}
