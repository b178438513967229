package testenv

import (
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the PostgreSQL catalog
)

// NoRounds deletes every monitoring round, as an archive whose admin has
// set none up yet. The service refuses to delete the current round, so
// this is SQL on the catalog's own database, SQLite's file or
// PostgreSQL's, beside the store.
func (e *Env) NoRounds(t testing.TB) {
	t.Helper()
	driver, dsn := "sqlite", "file:"+e.DBPath+"?_pragma=busy_timeout(10000)"
	if e.DBPath == "" {
		driver, dsn = "pgx", e.DatabaseURL
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM round`); err != nil {
		t.Fatalf("delete every round (%s): %v", driver, err)
	}
}
