package testenv

import (
	"database/sql"
	"testing"
)

// NoRounds deletes every monitoring round, as an archive whose admin has
// set none up yet. The service refuses to delete the current round, so
// this is SQL on the SQLite catalog; on PostgreSQL the test is skipped,
// with the reason.
func (e *Env) NoRounds(t testing.TB) {
	t.Helper()
	if e.DBPath == "" {
		t.Skip("every round is deleted with SQL on the SQLite catalog; this catalog is PostgreSQL")
	}
	db, err := sql.Open("sqlite", "file:"+e.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM round`); err != nil {
		t.Fatal(err)
	}
}
