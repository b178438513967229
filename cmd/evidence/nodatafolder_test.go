package main

import (
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// A command that keeps nothing locally (user add on a PostgreSQL catalog
// with the files in S3, no --data) makes no data folder in the folder it
// is run from (probe s40 #1: ./evidence-data/tmp appeared there), while
// the account it adds is there for the nodes.
func TestUserAddOnPostgresAndS3MakesNoDataFolder(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	useS3(t, g.Addr, "evidence-nodata")
	t.Setenv("EVIDENCE_DATABASE_URL", pgtest.DatabaseURL(t))
	t.Setenv("EVIDENCE_DATA", "")
	here := t.TempDir()
	t.Chdir(here)

	if _, err := runCLI(t, "user", "add", "--name", "zhaomin", "--role", "admin"); err != nil {
		t.Fatalf("user add: %v", err)
	}
	out, err := runCLI(t, "user", "list")
	if err != nil {
		t.Fatalf("user list: %v", err)
	}
	if !strings.Contains(out, "zhaomin") {
		t.Errorf("user list on the shared catalog printed %q, want the account just added", out)
	}
	entries, err := os.ReadDir(here)
	if err != nil {
		t.Fatal(err)
	}
	var made []string
	for _, e := range entries {
		made = append(made, e.Name())
	}
	if len(made) > 0 {
		t.Errorf("user add and user list made %v in the folder they were run from, want nothing", made)
	}
}
