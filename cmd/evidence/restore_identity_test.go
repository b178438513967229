package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// catalogIdentity is the identity of the catalog in data.
func catalogIdentity(t *testing.T, data string) catalog.Identity {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	id, err := cat.Identity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestRestoreGivesTheCatalogANewIdentity: a catalog evidence restore
// makes from a backup goes on apart from the one backed up, so it is
// given an identity of its own, naming the one it came from; the
// archive backed up keeps its own.
func TestRestoreGivesTheCatalogANewIdentity(t *testing.T) {
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	restored := filepath.Join(t.TempDir(), "restored")
	ingestFixtures(t, data)
	before := catalogIdentity(t, data)
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	got := catalogIdentity(t, restored)
	if got.ID == before.ID || got.RestoredFrom != before.ID || got.RestoredAt.IsZero() {
		t.Errorf("the restored catalog's identity is %+v, want a new one restored from %s", got, before.ID)
	}
	if !boundTo(t, restored) {
		t.Errorf("the restored folder's store does not name the restored catalog as its own")
	}
	if again := catalogIdentity(t, data); again != before {
		t.Errorf("the archive backed up now has identity %+v, want %+v kept", again, before)
	}
}
