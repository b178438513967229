package catalog

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// newCacheConn opens one statement-caching connection keeping size
// statements, on a new file with a table t (id, v) of three rows.
func newCacheConn(t *testing.T, size int) *stmtCacheConn {
	t.Helper()
	dsn := "file:" + filepath.Join(t.TempDir(), "c.db") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
	connector, err := newSQLiteConnector(dsn, size, nil)
	if err != nil {
		t.Fatal(err)
	}
	dc, err := connector.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := dc.(*stmtCacheConn)
	t.Cleanup(func() { c.Close() })
	mustExec(t, c, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`)
	for i, v := range []string{"a", "b", "c"} {
		mustExec(t, c, `INSERT INTO t (id, v) VALUES (?, ?)`, int64(i+1), v)
	}
	return c
}

func namedArgs(args []any) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}

func mustExec(t *testing.T, c *stmtCacheConn, q string, args ...any) {
	t.Helper()
	if _, err := c.ExecContext(context.Background(), q, namedArgs(args)); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// readAll reads and closes rows, the first column of each.
func readAll(t *testing.T, rows driver.Rows) []driver.Value {
	t.Helper()
	defer rows.Close()
	var out []driver.Value
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		err := rows.Next(dest)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		out = append(out, dest[0])
	}
}

func mustQuery(t *testing.T, c *stmtCacheConn, q string, args ...any) []driver.Value {
	t.Helper()
	rows, err := c.QueryContext(context.Background(), q, namedArgs(args))
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return readAll(t, rows)
}

func want(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// stmtMemory is the memory SQLite holds for c's prepared statements.
func stmtMemory(t *testing.T, c *stmtCacheConn) int {
	t.Helper()
	cur, _, err := c.Unwrap().(sqlite.DBStatus).Status(sqlite.DBStatusStmtUsed, false)
	if err != nil {
		t.Fatal(err)
	}
	return cur
}

const (
	byID    = `SELECT v FROM t WHERE id = ?`
	above   = `SELECT v FROM t WHERE id > ? ORDER BY id`
	countT  = `SELECT COUNT(*) FROM t`
	longRun = `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) SELECT COUNT(*) FROM n`
)

func TestStmtCache(t *testing.T) {
	tests := []struct {
		name string
		size int
		run  func(t *testing.T, c *stmtCacheConn)
	}{
		{"a statement run again is not prepared again", 4, func(t *testing.T, c *stmtCacheConn) {
			before := c.prepares // the setup's INSERT
			for i, v := range []string{"a", "b", "c", "a"} {
				want(t, "row", mustQuery(t, c, byID, int64(i%3+1)), []driver.Value{v})
			}
			mustExec(t, c, `UPDATE t SET v = ? WHERE id = ?`, "x", int64(1))
			mustExec(t, c, `UPDATE t SET v = ? WHERE id = ?`, "y", int64(2))
			want(t, "rows", mustQuery(t, c, above, int64(0)), []driver.Value{"x", "y", "c"})
			want(t, "prepared", c.prepares-before, 3)
		}},
		{"scripts and DDL are not kept", 4, func(t *testing.T, c *stmtCacheConn) {
			n := c.lru.Len()
			mustExec(t, c, `CREATE INDEX t_v ON t (v)`)
			mustExec(t, c, `PRAGMA user_version = 3`)
			mustQuery(t, c, `PRAGMA user_version`)
			mustExec(t, c, `UPDATE t SET v = 'p' WHERE id = 1; UPDATE t SET v = 'q' WHERE id = 2`)
			want(t, "rows", mustQuery(t, c, `SELECT v FROM t ORDER BY id;`), []driver.Value{"p", "q", "c"})
			want(t, "kept", c.lru.Len(), n)
		}},
		{"the least recently used is evicted and finalized", 2, func(t *testing.T, c *stmtCacheConn) {
			mustQuery(t, c, countT) // evicts the setup's INSERT
			mustQuery(t, c, byID, int64(1))
			full := stmtMemory(t, c)
			for i := range 20 { // each new one evicts the one before it
				mustQuery(t, c, countT)
				mustQuery(t, c, fmt.Sprintf(`SELECT v FROM t WHERE id = ? + %d`, i), int64(1))
			}
			want(t, "kept", c.lru.Len(), 2)
			if _, ok := c.byQuery[countT]; !ok {
				t.Errorf("the statement used last is gone")
			}
			if _, ok := c.byQuery[byID]; ok {
				t.Errorf("the statement used longest ago is kept")
			}
			// 20 statements not finalized would hold 10 times the memory.
			if got := stmtMemory(t, c); got > 2*full {
				t.Errorf("statement memory %d after evictions, %d with 2 kept", got, full)
			}
		}},
		{"the same query while its rows are open runs on a fresh statement", 4, func(t *testing.T, c *stmtCacheConn) {
			ctx := context.Background()
			outer, err := c.QueryContext(ctx, above, namedArgs([]any{int64(0)}))
			if err != nil {
				t.Fatal(err)
			}
			prepares := c.prepares
			dest := make([]driver.Value, 1)
			var got []driver.Value
			for {
				if err := outer.Next(dest); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					t.Fatal(err)
				}
				got = append(got, dest[0])
				inner, err := c.QueryContext(ctx, above, namedArgs([]any{int64(1)}))
				if err != nil {
					t.Fatal(err)
				}
				if _, cached := inner.(*cachedRows); cached {
					t.Errorf("the busy statement ran a second time")
				}
				want(t, "inner rows", readAll(t, inner), []driver.Value{"b", "c"})
				if _, err := c.ExecContext(ctx, above, namedArgs([]any{int64(1)})); err != nil {
					t.Errorf("exec of the busy query: %v", err)
				}
			}
			outer.Close()
			want(t, "outer rows", got, []driver.Value{"a", "b", "c"})
			want(t, "after close", mustQuery(t, c, above, int64(2)), []driver.Value{"c"})
			want(t, "prepared", c.prepares-prepares, 0)
		}},
		{"a new statement is kept while every other one has open rows", 1, func(t *testing.T, c *stmtCacheConn) {
			ctx := context.Background()
			outer, err := c.QueryContext(ctx, above, namedArgs([]any{int64(0)}))
			if err != nil {
				t.Fatal(err)
			}
			defer outer.Close()
			dest := make([]driver.Value, 1)
			if err := outer.Next(dest); err != nil {
				t.Fatal(err)
			}
			// The cache is full of a busy statement: the new one must
			// not be closed before it runs.
			want(t, "other query", mustQuery(t, c, `SELECT v FROM t WHERE id = ?`, int64(2)), []driver.Value{"b"})
		}},
		{"rows closed early leave the statement reusable from the start", 4, func(t *testing.T, c *stmtCacheConn) {
			rows, err := c.QueryContext(context.Background(), above, namedArgs([]any{int64(0)}))
			if err != nil {
				t.Fatal(err)
			}
			dest := make([]driver.Value, 1)
			if err := rows.Next(dest); err != nil || dest[0] != "a" {
				t.Fatalf("first row %v, %v", dest[0], err)
			}
			rows.Close()
			rows.Close() // database/sql may close twice: the second must not reset another run
			want(t, "rows", mustQuery(t, c, above, int64(0)), []driver.Value{"a", "b", "c"})
		}},
		{"a constraint violation leaves the statement reusable", 4, func(t *testing.T, c *stmtCacheConn) {
			ins := `INSERT INTO t (id, v) VALUES (?, ?)`
			prepares := c.prepares
			_, err := c.ExecContext(context.Background(), ins, namedArgs([]any{int64(1), "dup"}))
			var se *sqlite.Error
			if !errors.As(err, &se) || se.Code() != sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
				t.Fatalf("duplicate key: %v", err)
			}
			_, err = c.ExecContext(context.Background(), ins, namedArgs([]any{int64(4), nil}))
			if !errors.As(err, &se) || se.Code() != sqlite3.SQLITE_CONSTRAINT_NOTNULL {
				t.Fatalf("NULL value: %v", err)
			}
			mustExec(t, c, ins, int64(4), "d")
			want(t, "prepared", c.prepares-prepares, 0)
			want(t, "rows", mustQuery(t, c, above, int64(2)), []driver.Value{"c", "d"})
		}},
		{"a query error leaves the statement reusable", 4, func(t *testing.T, c *stmtCacheConn) {
			q := `SELECT v FROM t WHERE id = ? AND abs(?) >= 0`
			if _, err := c.QueryContext(context.Background(), q, namedArgs([]any{int64(1), int64(-1 << 63)})); err == nil {
				t.Fatal("abs of the smallest integer: no overflow error")
			}
			want(t, "row", mustQuery(t, c, q, int64(2), int64(-5)), []driver.Value{"b"})
		}},
		{"a canceled context leaves the statement reusable", 4, func(t *testing.T, c *stmtCacheConn) {
			mustQuery(t, c, longRun, int64(10))
			done, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := c.QueryContext(done, longRun, namedArgs([]any{int64(10)})); !errors.Is(err, context.Canceled) {
				t.Errorf("query with a canceled context: %v", err)
			}
			if _, err := c.ExecContext(done, byID, namedArgs([]any{int64(1)})); !errors.Is(err, context.Canceled) {
				t.Errorf("exec with a canceled context: %v", err)
			}
			// Interrupted while running: a billion rows take minutes.
			short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			rows, err := c.QueryContext(short, longRun, namedArgs([]any{int64(1e9)}))
			if err == nil {
				err = rows.Next(make([]driver.Value, 1))
				rows.Close()
			}
			if err == nil || time.Since(start) > 10*time.Second {
				t.Fatalf("long query under a 50 ms deadline: %v after %v", err, time.Since(start))
			}
			want(t, "count", mustQuery(t, c, longRun, int64(10)), []driver.Value{int64(10)})
			want(t, "row", mustQuery(t, c, byID, int64(3)), []driver.Value{"c"})
		}},
		{"a kept statement follows schema changes", 4, func(t *testing.T, c *stmtCacheConn) {
			all := `SELECT * FROM t WHERE id = ?`
			rows, err := c.QueryContext(context.Background(), all, namedArgs([]any{int64(1)}))
			if err != nil {
				t.Fatal(err)
			}
			want(t, "columns", rows.Columns(), []string{"id", "v"})
			rows.Close()
			mustExec(t, c, `ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'w'`)
			rows, err = c.QueryContext(context.Background(), all, namedArgs([]any{int64(1)}))
			if err != nil {
				t.Fatal(err)
			}
			want(t, "columns after ALTER", rows.Columns(), []string{"id", "v", "w"})
			rows.Close()
			mustExec(t, c, `DROP TABLE t`)
			if _, err := c.QueryContext(context.Background(), all, namedArgs([]any{int64(1)})); err == nil {
				t.Errorf("query of a dropped table: no error")
			}
			mustExec(t, c, `CREATE TABLE t (id INTEGER PRIMARY KEY, z INTEGER)`)
			mustExec(t, c, `INSERT INTO t (id, z) VALUES (1, 7)`)
			rows, err = c.QueryContext(context.Background(), all, namedArgs([]any{int64(1)}))
			if err != nil {
				t.Fatalf("query of the table made again: %v", err)
			}
			want(t, "columns of the new table", rows.Columns(), []string{"id", "z"})
			want(t, "row", readAll(t, rows), []driver.Value{int64(1)})
		}},
		{"closing the connection finalizes every statement, open rows first", 4, func(t *testing.T, c *stmtCacheConn) {
			mustQuery(t, c, byID, int64(1))
			rows, err := c.QueryContext(context.Background(), above, namedArgs([]any{int64(0)}))
			if err != nil {
				t.Fatal(err)
			}
			if err := rows.Next(make([]driver.Value, 1)); err != nil {
				t.Fatal(err)
			}
			if stmtMemory(t, c) == 0 {
				t.Fatal("no statement memory with statements kept")
			}
			if err := c.closeStmts(); err != nil {
				t.Fatalf("close statements: %v", err)
			}
			want(t, "statement memory", stmtMemory(t, c), 0)
			want(t, "kept", c.lru.Len()+len(c.byQuery), 0)
			if err := rows.Close(); err != nil {
				t.Errorf("closing rows closed with the connection: %v", err)
			}
			if err := c.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newCacheConn(t, tt.size)) })
	}
}

// TestStmtCacheNestedInTx reads a query's rows in a transaction while
// running the same query for each of them, through database/sql as the
// catalog does.
func TestStmtCacheNestedInTx(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t) // its one writer connection runs the transaction
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, c := range []string{"c1", "c2", "c3"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO city (code, name) VALUES (?, ?)`, c, "城市"+c); err != nil {
				return err
			}
		}
		q := `SELECT code FROM city WHERE code >= ? AND code LIKE 'c%' ORDER BY code`
		rows, err := tx.QueryContext(ctx, q, "c1")
		if err != nil {
			return err
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var code, next string
			if err := rows.Scan(&code); err != nil {
				return err
			}
			got = append(got, code)
			if err := tx.QueryRowContext(ctx, q, code+"x").Scan(&next); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		want(t, "codes", got, []string{"c1", "c2", "c3"})
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}
