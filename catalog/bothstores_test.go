package catalog

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// bothStores are the two stores a catalog benchmark compares, each
// opened fresh for its run: SQLite in a temporary folder, and PostgreSQL
// (which fails under CI=true when no server can be started, as pgtest does).
var bothStores = []struct {
	name string
	open func(b *testing.B) *Store
}{
	{"sqlite", func(b *testing.B) *Store {
		s, err := Open(context.Background(), b.TempDir()+"/catalog.db")
		if err != nil {
			b.Fatal(err)
		}
		return s
	}},
	{"postgres", func(b *testing.B) *Store {
		s, err := OpenPostgres(context.Background(), pgtest.DatabaseURL(b))
		if err != nil {
			b.Fatal(err)
		}
		return s
	}},
}
