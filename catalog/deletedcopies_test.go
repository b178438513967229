package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestDeletedCopiesReadTheDeletedIndex: an upload's look for deleted
// copies of its bytes (DeletedCopiesBySHA256, every upload) reads the
// city's deleted documents of those bytes from document_deleted_sha_city,
// not every document of the city through document_city (the plan on
// SQLite); the migration may run again (both dialects).
func TestDeletedCopiesReadTheDeletedIndex(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, id := range []string{"D-学分银行", "D-社区学院"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteDocument(ctx, "D-学分银行", "admin"); err != nil {
			t.Fatal(err)
		}
		migration := "_deleted_copies.sql"
		if s.dialect.twin != "" {
			migration = "_deleted_copies" + s.dialect.twin
		}
		runMigrationAgain(t, s, migrationAt(t, s, migration))
		// PostgreSQL weighs the index by its statistics of the table,
		// which a test's two rows do not give; SQLite's choice is fixed.
		if s.dialect.name == "sqlite" {
			plan := strings.Join(queryPlan(t, s, deletedCopiesSQL("(?,?)"), []any{"330100", "sha-D-学分银行", "sha-D-社区学院"}), "\n")
			if !strings.Contains(plan, "USING INDEX document_deleted_sha_city (sha256=? AND city=?)") {
				t.Errorf("the deleted copies of an upload's bytes are not read from document_deleted_sha_city:\n%s", plan)
			}
		}
		copies, err := s.DeletedCopiesBySHA256(ctx, []string{"sha-D-学分银行", "sha-D-社区学院"}, "330100")
		if c, ok := copies["sha-D-学分银行"]; err != nil || !ok || len(copies) != 1 || c.Document.ID != "D-学分银行" || c.DeletedBy != "admin" {
			t.Errorf("deleted copies: %+v %v, want D-学分银行 alone, deleted by admin", copies, err)
		}
	})
}
