package catalog

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// The catalog's store tests are one conformance suite: every test written
// as func(t, *Store) runs through forEachStore against SQLite and against
// PostgreSQL (a throwaway cluster shared by the package, a fresh database
// per test), as blob/blobtest runs against every blob store.

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// storeOpeners are the catalogs the suite runs against.
var storeOpeners = []struct {
	name string
	open func(t *testing.T) *Store
}{
	{"sqlite", func(t *testing.T) *Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
		if err != nil {
			t.Fatalf("open catalog on SQLite: %v", err)
		}
		return s
	}},
	{"postgres", func(t *testing.T) *Store {
		s, err := OpenPostgres(context.Background(), pgtest.DatabaseURL(t))
		if err != nil {
			t.Fatalf("open catalog on PostgreSQL: %v", err)
		}
		return s
	}},
}

// forEachStore runs test against a new, migrated catalog of each dialect.
func forEachStore(t *testing.T, test func(t *testing.T, s *Store)) {
	for _, o := range storeOpeners {
		t.Run(o.name, func(t *testing.T) {
			s := o.open(t)
			t.Cleanup(func() { s.Close() })
			test(t, s)
		})
	}
}

// openTestStore opens a SQLite catalog, for tests of one dialect's details.
func openTestStore(t *testing.T) *Store {
	t.Helper()
	s := storeOpeners[0].open(t)
	t.Cleanup(func() { s.Close() })
	return s
}
