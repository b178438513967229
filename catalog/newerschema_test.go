package catalog

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// A catalog that a newer binary migrated past this binary's migrations is
// refused at open, on SQLite and PostgreSQL: an older node left running
// beside upgraded ones would serve it without keeping the newer tables.
func TestCatalogMigratedByANewerBinaryIsRefused(t *testing.T) {
	ctx := context.Background()
	names, err := sqliteDialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			where := filepath.Join(t.TempDir(), "catalog.db")
			if kind == "postgres" {
				where = pgtest.DatabaseURL(t)
			}
			open := func() (*Store, error) {
				if kind == "sqlite" {
					return Open(ctx, where)
				}
				return OpenPostgres(ctx, where)
			}
			s, err := open()
			if err != nil {
				t.Fatal(err)
			}
			before := s.Statements()
			if have, known, err := s.SchemaVersions(ctx); err != nil || have != known || known != len(names) {
				t.Fatalf("schema versions of a catalog just migrated: %d, %d, %v; want both %d", have, known, err, len(names))
			}
			// A poll every second is no part of what pages cost.
			if n := s.Statements() - before; n != 0 {
				t.Errorf("reading the schema versions counted %d statements, want none (a poll)", n)
			}
			if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.dialect.setVersion(ctx, tx, len(names)+1) }); err != nil {
				t.Fatalf("set a newer version: %v", err)
			}
			// The store open all along (a node running through the
			// upgrade) reads the newer version as it stands.
			if have, known, err := s.SchemaVersions(ctx); err != nil || have != len(names)+1 || known != len(names) {
				t.Fatalf("schema versions after a newer binary migrated: %d, %d, %v; want %d, %d", have, known, err, len(names)+1, len(names))
			}
			s.Close()
			s, err = open()
			if err == nil {
				s.Close()
				t.Fatalf("open a catalog at migration %d with a binary knowing %d: no error, want it refused", len(names)+1, len(names))
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.Code != EINVALID || !strings.Contains(ae.Message, "较新版本") {
				t.Fatalf("open a catalog a newer binary migrated: %v, want EINVALID saying 较新版本", err)
			}
			// One node on SQLite has no other nodes to match: the words
			// say what any node does, newer binary or the backup.
			if strings.Contains(ae.Message, "其他节点") || !strings.Contains(ae.Message, "升级前的备份") {
				t.Fatalf("the refusal says %q, want no other nodes and the backup taken before the upgrade", ae.Message)
			}
		})
	}
}
