package catalog

import "testing"

func TestNumberPlaceholders(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT * FROM t WHERE a = ? AND b IN (?, ?)`, `SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)`},
		{`UPDATE t SET a = '是否?' WHERE b = ?`, `UPDATE t SET a = '是否?' WHERE b = $1`},
		{`SELECT 'it''s ?' , ?`, `SELECT 'it''s ?' , $1`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{`SELECT "odd?name" FROM t WHERE x = ?`, `SELECT "odd?name" FROM t WHERE x = $1`},
	}
	for _, tt := range tests {
		if got := numberPlaceholders(tt.in); got != tt.want {
			t.Errorf("numberPlaceholders(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
