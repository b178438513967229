package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// CreateUser adds an account with an already hashed password. A
// department of the city's list is held while the account is given it
// (holdDepartment), so that it is not deleted meanwhile; a name off the
// list is kept as given, as an account of before the list has it (use
// CreateListedUser for one that must be on it).
func (s *Store) CreateUser(ctx context.Context, u *User, passwordHash, by string) error {
	return s.createUser(ctx, u, passwordHash, by, false)
}

// CreateListedUser is CreateUser for an account whose department was
// taken from the city's list: a contributor's department that is no
// longer on it when the account is written (deleted meanwhile) is refused
// (EINVALID), and a listed one is written as the list writes it.
func (s *Store) CreateListedUser(ctx context.Context, u *User, passwordHash, by string) error {
	return s.createUser(ctx, u, passwordHash, by, true)
}

func (s *Store) createUser(ctx context.Context, u *User, passwordHash, by string, listed bool) error {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.now()
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if listed {
			dept, err := s.accountDepartment(ctx, tx, u.Role, u.City, u.Department)
			if err != nil {
				return err
			}
			u.Department = dept
		} else if u.Department != "" {
			if _, err := s.holdDepartment(ctx, tx, u.City, u.Department); err != nil && !IsNotFound(err) {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO app_user (username, password_hash, role, city, department, disabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.Username, passwordHash, u.Role, u.City, u.Department, u.Disabled, formatTime(u.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert user %s: %w", u.Username, err)
		}
		if err := setUserCities(ctx, tx, u.Username, u.Cities); err != nil {
			return err
		}
		detail := map[string]any{"role": u.Role, "city": u.City, "department": u.Department}
		if len(u.Cities) > 0 {
			detail["cities"] = u.Cities
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "user.create", Object: "user:" + u.Username, Detail: detail})
	})
	if ErrorCode(err) == ECONFLICT {
		return Errorf(ECONFLICT, "用户 %q 已存在", u.Username)
	}
	return err
}

// User returns the account named username, or ENOTFOUND.
func (s *Store) User(ctx context.Context, username string) (*User, error) {
	var u User
	var created string
	err := s.db.QueryRowContext(ctx, `SELECT username, role, city, department, disabled, created_at FROM app_user WHERE username = ?`,
		username).Scan(&u.Username, &u.Role, &u.City, &u.Department, &u.Disabled, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "用户 %q 不存在", username)
	}
	if err != nil {
		return nil, fmt.Errorf("query user %s: %w", username, err)
	}
	u.CreatedAt = parseTime(created)
	cities, err := s.userCities(ctx, u.Username)
	if err != nil {
		return nil, err
	}
	u.Cities = cities[u.Username]
	return &u, nil
}

// HashToken is how API tokens are kept: they are long random strings, so a
// plain SHA-256 is enough and lets a token be found by its hash.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateToken stores the hash of a new API token for username and returns
// the token's ID, by which it is listed and revoked.
func (s *Store) CreateToken(ctx context.Context, username, token, label, by string) (string, error) {
	hash := HashToken(token)
	id := hash[:16]
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO token (hash, id, label, username, created_at) VALUES (?, ?, ?, ?, ?)`,
			hash, id, label, username, formatTime(s.now()))
		if err != nil {
			return fmt.Errorf("insert token for %s: %w", username, err)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "token.create", Object: "user:" + username,
			Detail: map[string]any{"token": id, "label": label}})
	})
	return id, err
}

// UserByToken returns the enabled user holding token and notes its use; an
// unknown token or a disabled user is EUNAUTHORIZED (the latter with
// ErrAccountDisabled).
//
// It runs on every API request, so it is one query, for the token, its
// user and the user's cities (a row per city; one, with no city, when
// none), and it writes only when the use is worth noting. The token and
// the account are read afresh each time: a revoked token or a disabled
// account is refused from the next request on.
func (s *Store) UserByToken(ctx context.Context, token string) (*User, error) {
	hash := HashToken(token)
	var lastUsed string
	u, err := s.queryUser(ctx, `COALESCE(t.last_used, '')`, `token t JOIN app_user u ON u.username = t.username`,
		`t.hash = ?`, []any{hash}, &lastUsed)
	if err != nil {
		return nil, fmt.Errorf("query token: %w", err)
	}
	if u == nil {
		return nil, Errorf(EUNAUTHORIZED, "API 令牌无效或已撤销")
	}
	if u.Disabled {
		return nil, accountDisabled(u.Username)
	}
	// Noting every use would put a write, and on SQLite a wait for the one
	// write lock, on every request; once a minute is precise enough to see
	// which tokens are alive. Stored times compare as text (timeLayout).
	now := s.now()
	stale := formatTime(now.Add(-time.Minute))
	if lastUsed != "" && lastUsed >= stale {
		return u, nil
	}
	_, err = s.execWrite(ctx, `UPDATE token SET last_used = ? WHERE hash = ? AND (last_used IS NULL OR last_used < ?)`,
		formatTime(now), hash, stale)
	if err != nil {
		return nil, fmt.Errorf("note token use: %w", sqliteError(err))
	}
	return u, nil
}

// queryUser reads, in one query, the user u of tables (a join naming the
// account u) where the condition holds, with their cities, and the
// columns cols of the same row into extra. It returns nil when no row
// matches.
func (s *Store) queryUser(ctx context.Context, cols, tables, where string, args []any, extra ...any) (*User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.username, u.role, u.city, u.department, u.disabled, u.created_at, c.city, `+
		cols+` FROM `+tables+` LEFT JOIN user_city c ON c.username = u.username WHERE `+where+` ORDER BY c.city`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var u *User
	for rows.Next() {
		var row User
		var created string
		var city sql.NullString
		dest := append([]any{&row.Username, &row.Role, &row.City, &row.Department, &row.Disabled, &created, &city}, extra...)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if u == nil {
			row.CreatedAt = parseTime(created)
			u = &row
		}
		if city.Valid {
			u.Cities = append(u.Cities, city.String)
		}
	}
	return u, rows.Err()
}

// CountUsers returns the number of accounts.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM app_user`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}
