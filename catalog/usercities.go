package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// cityIn is the SQL condition "col is one of cities" with its arguments.
// Empty strings in cities are ignored; with nothing left the condition is
// empty (all cities) unless none is true, in which case it matches
// nothing: a scoped listing of zero cities is empty, never everything.
func cityIn(col string, cities []string, none bool) (string, []any) {
	var args []any
	for _, c := range cities {
		if c != "" {
			args = append(args, c)
		}
	}
	switch {
	case len(args) > 0:
		return col + " IN (?" + strings.Repeat(", ?", len(args)-1) + ")", args
	case none:
		return "1 = 0", nil
	}
	return "", nil
}

// filterCities adds the condition of a filter's City and Cities fields to
// where and args: City when set, and Cities when not nil (an empty, non-nil
// Cities matches nothing).
func filterCities(where []string, args []any, col, city string, cities []string) ([]string, []any) {
	if city != "" {
		where, args = append(where, col+" = ?"), append(args, city)
	}
	if cities != nil {
		cond, a := cityIn(col, cities, true)
		where, args = append(where, cond), append(args, a...)
	}
	return where, args
}

// setUserCities replaces the cities a reviewer is limited to, inside tx.
func setUserCities(ctx context.Context, tx *sql.Tx, username string, cities []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_city WHERE username = ?`, username); err != nil {
		return fmt.Errorf("clear cities of %s: %w", username, err)
	}
	for _, c := range cities {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_city (username, city) VALUES (?, ?)`, username, c); err != nil {
			return fmt.Errorf("add city %s to %s: %w", c, username, err)
		}
	}
	return nil
}

// userCities returns the cities each of the named users is limited to, by
// code; all users' when usernames is empty.
func (s *Store) userCities(ctx context.Context, usernames ...string) (map[string][]string, error) {
	q := `SELECT username, city FROM user_city`
	var args []any
	if len(usernames) > 0 {
		q += ` WHERE username IN (?` + strings.Repeat(", ?", len(usernames)-1) + `)`
		for _, u := range usernames {
			args = append(args, u)
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY username, city`, args...)
	if err != nil {
		return nil, fmt.Errorf("query user cities: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var u, c string
		if err := rows.Scan(&u, &c); err != nil {
			return nil, err
		}
		out[u] = append(out[u], c)
	}
	return out, rows.Err()
}

// SetUserCities limits a reviewer to cities (every city when empty) and
// records it in the audit log. An unknown user is ENOTFOUND, an unknown
// city EINVALID.
func (s *Store) SetUserCities(ctx context.Context, username string, cities []string, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM app_user WHERE username = ?`, username).Scan(&n); err != nil {
			return fmt.Errorf("query user %s: %w", username, err)
		}
		if n == 0 {
			return Errorf(ENOTFOUND, "用户 %q 不存在", username)
		}
		if err := setUserCities(ctx, tx, username, cities); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "user.cities", Object: "user:" + username,
			Detail: map[string]any{"cities": cities}})
	})
}
