package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Users returns every account, by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT username, role, city, department, disabled, created_at FROM app_user ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("query users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var created string
		if err := rows.Scan(&u.Username, &u.Role, &u.City, &u.Department, &u.Disabled, &created); err != nil {
			return nil, err
		}
		u.CreatedAt = parseTime(created)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cities, err := s.userCities(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Cities = cities[out[i].Username]
	}
	return out, nil
}

// LoginHash returns an account's stored password hash and whether the
// account is disabled, for a login that must tell the audit log a
// disabled account's refusal (login.disabled) while telling the person
// no more than for a wrong password. An unknown account is
// EUNAUTHORIZED.
func (s *Store) LoginHash(ctx context.Context, username string) (hash string, disabled bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT password_hash, disabled FROM app_user WHERE username = ?`, username).Scan(&hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, Errorf(EUNAUTHORIZED, "用户名或密码错误")
	}
	if err != nil {
		return "", false, fmt.Errorf("query password of %s: %w", username, err)
	}
	return hash, disabled, nil
}

// PasswordHash returns the stored password hash of an enabled account;
// unknown and disabled accounts are EUNAUTHORIZED alike, so a login
// attempt learns nothing about which names exist.
func (s *Store) PasswordHash(ctx context.Context, username string) (string, error) {
	var hash string
	var disabled bool
	err := s.db.QueryRowContext(ctx, `SELECT password_hash, disabled FROM app_user WHERE username = ?`, username).Scan(&hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && disabled) {
		return "", Errorf(EUNAUTHORIZED, "用户名或密码错误")
	}
	if err != nil {
		return "", fmt.Errorf("query password of %s: %w", username, err)
	}
	return hash, nil
}

// SetPassword replaces an account's password hash and ends its sessions
// and revokes its API tokens: whoever held the old password may have made
// either.
func (s *Store) SetPassword(ctx context.Context, username, hash, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE app_user SET password_hash = ? WHERE username = ?`, hash, username)
		if err != nil {
			return fmt.Errorf("set password of %s: %w", username, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "用户 %q 不存在", username)
		}
		revoked, err := endCredentials(ctx, tx, username)
		if err != nil {
			return err
		}
		// Another's password set is a reset (an admin's, or the command
		// line's), its own entry: the log tells it from a user changing
		// their own.
		action := "user.password"
		if by != username {
			action = "user.password_reset"
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: action, Object: "user:" + username,
			Detail: map[string]any{"tokens_revoked": revoked}})
	})
}

// SetDisabled disables or re-enables an account. Disabling ends its
// sessions and tokens at once: SessionByHash and UserByToken refuse them
// from the next request on, saying the account is disabled
// (ErrAccountDisabled), which they can tell only while the rows are
// there; so they are kept while it is disabled, and deleted when it is
// enabled again, which so revives none of them.
func (s *Store) SetDisabled(ctx context.Context, username string, disabled bool, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE app_user SET disabled = ? WHERE username = ?`, disabled, username)
		if err != nil {
			return fmt.Errorf("set disabled of %s: %w", username, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "用户 %q 不存在", username)
		}
		ev := Event{User: by, Action: "user.enable", Object: "user:" + username}
		if !disabled {
			if _, err := endCredentials(ctx, tx, username); err != nil {
				return err
			}
			return s.recordEvent(ctx, tx, ev)
		}
		var revoked int64
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM token WHERE username = ?`, username).Scan(&revoked); err != nil {
			return fmt.Errorf("count tokens of %s: %w", username, err)
		}
		ev.Action, ev.Detail = "user.disable", map[string]any{"tokens_revoked": revoked}
		return s.recordEvent(ctx, tx, ev)
	})
}

// ErrAccountDisabled is in the chain of the EUNAUTHORIZED error of a
// session or token that was valid and whose account has been disabled:
// its holder is told so (账号已停用), not that the login expired, and asks
// an administrator instead of doubting the password.
var ErrAccountDisabled = errors.New("account disabled")

// accountDisabled is the error of a credential of username's, which is
// disabled.
func accountDisabled(username string) error {
	return fmt.Errorf("%w: %s: %w", ErrAccountDisabled, username, Errorf(EUNAUTHORIZED, "账号已停用，请联系管理员"))
}

// SetUserDepartment gives an account another department (责任单位),
// with a user.department event; an unknown account is ENOTFOUND. A
// department of the city's list is held while it is given
// (holdDepartment), so that it is not deleted meanwhile; a name off the
// list is given as it is (use SetListedUserDepartment for one taken from
// the list).
func (s *Store) SetUserDepartment(ctx context.Context, username, department, by string) error {
	return s.moveUser(ctx, username, department, by, false)
}

// SetListedUserDepartment is SetUserDepartment for a department taken from
// the city's list: a contributor's that is no longer on it when the
// account is written (deleted meanwhile) is refused (EINVALID), and a
// listed one is given as the list writes it (accountDepartment).
func (s *Store) SetListedUserDepartment(ctx context.Context, username, department, by string) error {
	return s.moveUser(ctx, username, department, by, true)
}

func (s *Store) moveUser(ctx context.Context, username, department, by string, listed bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var from, city string
		var role Role
		err := tx.QueryRowContext(ctx, `SELECT department, role, city FROM app_user WHERE username = ?`, username).Scan(&from, &role, &city)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "用户 %q 不存在", username)
		}
		if err != nil {
			return fmt.Errorf("query department of %s: %w", username, err)
		}
		to := department
		if listed {
			if to, err = s.accountDepartment(ctx, tx, role, city, department); err != nil {
				return err
			}
		} else if to != "" {
			if _, err := s.holdDepartment(ctx, tx, city, to); err != nil && !IsNotFound(err) {
				return err
			}
		}
		return s.setUserDepartment(ctx, tx, username, from, to, by)
	})
}

// setUserDepartment moves username from department from to to and
// records it.
func (s *Store) setUserDepartment(ctx context.Context, tx *sql.Tx, username, from, to, by string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE app_user SET department = ? WHERE username = ?`, to, username); err != nil {
		return fmt.Errorf("set department of %s: %w", username, err)
	}
	return s.recordEvent(ctx, tx, Event{User: by, Action: "user.department", Object: "user:" + username,
		Detail: map[string]any{"from": from, "to": to}})
}

// endCredentials ends every session of username and deletes its tokens,
// returning how many tokens there were.
func endCredentials(ctx context.Context, tx *sql.Tx, username string) (int64, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM session WHERE username = ?`, username); err != nil {
		return 0, fmt.Errorf("end sessions of %s: %w", username, err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM token WHERE username = ?`, username)
	if err != nil {
		return 0, fmt.Errorf("revoke tokens of %s: %w", username, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// Token describes an API token without its secret.
type Token struct {
	ID        string
	Username  string
	Label     string
	CreatedAt time.Time
	LastUsed  time.Time // zero when never used
}

// Tokens returns the tokens of username (all users when empty).
func (s *Store) Tokens(ctx context.Context, username string) ([]Token, error) {
	// A disabled account's tokens are kept only to tell their holder why
	// they are refused (SetDisabled): they are no longer anyone's tokens.
	q := `SELECT id, username, label, created_at, COALESCE(last_used, '') FROM token
		WHERE username NOT IN (SELECT username FROM app_user WHERE disabled <> 0)`
	var args []any
	if username != "" {
		q += ` AND username = ?`
		args = append(args, username)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY created_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("query tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var created, used string
		if err := rows.Scan(&t.ID, &t.Username, &t.Label, &created, &used); err != nil {
			return nil, err
		}
		t.CreatedAt, t.LastUsed = parseTime(created), parseTime(used)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken deletes a token of username (any user's when username is
// empty, for admins).
func (s *Store) RevokeToken(ctx context.Context, id, username, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// Its label and owner go into the log: once deleted, the token's
		// ID alone would tell the admin nothing.
		var owner, label string
		q := `SELECT username, label FROM token WHERE id = ?`
		args := []any{id}
		if username != "" {
			q += ` AND username = ?`
			args = append(args, username)
		}
		err := tx.QueryRowContext(ctx, q, args...).Scan(&owner, &label)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "令牌 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("read token %s: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM token WHERE id = ?`, id); err != nil {
			return fmt.Errorf("revoke token %s: %w", id, err)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "token.revoke", Object: "token:" + id,
			Detail: map[string]any{"label": label, "owner": owner}})
	})
}

// Session is a logged-in web session.
type Session struct {
	User      *User
	CSRF      string
	ExpiresAt time.Time
}

// CreateSession records a session whose cookie secret hashes to hash,
// together with login, its audit entry: both are written or neither, so
// no session exists that the audit log does not show.
func (s *Store) CreateSession(ctx context.Context, hash, username, csrf string, expires time.Time, login Event) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO session (hash, username, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			hash, username, csrf, formatTime(s.now()), formatTime(expires))
		if err != nil {
			return fmt.Errorf("create session: %w", sqliteError(err))
		}
		return s.recordEvent(ctx, tx, login)
	})
}

// SessionByHash returns the session with this hash that is live at now,
// and its enabled user; expired or unknown sessions are EUNAUTHORIZED,
// and so is a session of a disabled account, with ErrAccountDisabled.
// The caller's clock decides expiry, the same clock that set it.
func (s *Store) SessionByHash(ctx context.Context, hash string, now time.Time) (*Session, error) {
	var csrf, expires string
	// One query, as UserByToken's: it runs on every page.
	u, err := s.queryUser(ctx, `x.csrf, x.expires_at`, `session x JOIN app_user u ON u.username = x.username`,
		`x.hash = ? AND x.expires_at > ?`, []any{hash, formatTime(now)}, &csrf, &expires)
	if err != nil {
		return nil, fmt.Errorf("query session: %w", err)
	}
	if u == nil {
		return nil, Errorf(EUNAUTHORIZED, "登录已过期，请重新登录")
	}
	if u.Disabled {
		return nil, accountDisabled(u.Username)
	}
	return &Session{User: u, CSRF: csrf, ExpiresAt: parseTime(expires)}, nil
}

// DeleteSession ends a session; an unknown one is not an error.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.execWrite(ctx, `DELETE FROM session WHERE hash = ?`, hash); err != nil {
		return fmt.Errorf("delete session: %w", sqliteError(err))
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context) error {
	_, err := s.execWrite(ctx, `DELETE FROM session WHERE expires_at <= ?`, formatTime(s.now()))
	return err
}

// NewestActions returns, for each of objects that has an event whose
// action begins with prefix (such as "document.original."), the action
// of its newest such event; the others are left out. One query per list
// of objects.
func (s *Store) NewestActions(ctx context.Context, objects []string, prefix string) (map[string]string, error) {
	out := map[string]string{}
	err := forInLists(objects, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT e.object, e.action FROM event e JOIN
			(SELECT MAX(id) AS id FROM event WHERE object IN `+in+` AND action LIKE ? GROUP BY object) newest
			ON e.id = newest.id`, append(args, prefix+"%")...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var object, action string
			if err := rows.Scan(&object, &action); err != nil {
				return err
			}
			out[object] = action
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("newest events %s: %w", prefix, err)
	}
	return out, nil
}

// EventFilter selects audit log entries; empty fields match all.
type EventFilter struct {
	// Object is what the events are about: their own object, or one of
	// the others they name (Event.Also). A document is found as
	// document:ID or by its bare ID, whichever way its events logged it.
	Object string
	// Indicator, when set, keeps the events about the claims, values,
	// links and carried-over items of the indicator of this code
	// (indicatorCondition); IndicatorCity, when set too, those of this
	// city only.
	Indicator, IndicatorCity string
	User                     string
	Action                   string // exact, or a prefix ending in "." such as "document."
	Since                    time.Time
	// Before, when not 0, keeps the events older than the one of this ID:
	// the next page back from the last event of a page, which events
	// written meanwhile do not shift.
	Before int64
	// After, when not 0, keeps the Limit events just newer than the one of
	// this ID (still listed newest first): the page before a page that
	// starts there, found by the index on id, not by counting an offset.
	After int64
	Limit int // default 100, at most 1000
}

// objectCondition is the WHERE condition of FindEvents for the events
// about object: logged with it as their object or naming it (event_about).
// A document is logged two ways: its upload, edits, links and notes by its
// bare ID (Event.DocumentID), a round's use of its links as document:ID,
// and a claim's citations name it bare; so document:ID finds the bare
// ones of those kinds too, and a bare ID finds document:ID. Both go
// through the index on event.object.
func objectCondition(object string) (string, []any) {
	id, isDocument := strings.CutPrefix(object, "document:")
	if !isDocument {
		if strings.Contains(object, ":") {
			return "(object = ? OR id IN (SELECT event_id FROM event_about WHERE object = ?))", []any{object, object}
		}
		// A bare ID is a document's as its events log it, or the old
		// object of another kind, asked for as written.
		return "(object IN (?, ?) OR id IN (SELECT event_id FROM event_about WHERE object IN (?, ?)))",
			[]any{object, "document:" + object, object, "document:" + object}
	}
	var kinds []string
	args := []any{object, id}
	for _, k := range slices.Sorted(maps.Keys(documentEventKinds)) {
		kinds = append(kinds, "action LIKE ?")
		args = append(args, k+".%")
	}
	return "(object = ? OR (object = ? AND (" + strings.Join(kinds, " OR ") + ")) OR id IN (SELECT event_id FROM event_about WHERE object IN (?, ?)))",
		append(args, object, id)
}

// maxEvents bounds a page of the audit log.
const maxEvents = 1000

// FindEvents returns audit log entries matching f, newest first.
func (s *Store) FindEvents(ctx context.Context, f EventFilter) ([]Event, error) {
	q, args, oldestFirst := eventsQuery(s.dialect, f)
	events, err := s.queryEvents(ctx, q, args...)
	if oldestFirst {
		slices.Reverse(events)
	}
	return events, err
}

// eventsQuery is FindEvents' query of the events f selects, and whether
// it reads them oldest first (a page after another, which FindEvents
// turns round).
func eventsQuery(d dialect, f EventFilter) (q string, args []any, oldestFirst bool) {
	return eventsQueryBy(f, func(code, city string) (string, []any) { return indicatorCondition(d, code, city) })
}

// eventsQueryBy is eventsQuery with the indicator filter's condition
// made by indicator, so that a test can ask the query another way.
func eventsQueryBy(f EventFilter, indicator func(code, city string) (string, []any)) (q string, args []any, oldestFirst bool) {
	var where []string
	if f.Object != "" {
		cond, condArgs := objectCondition(f.Object)
		where, args = append(where, cond), append(args, condArgs...)
	}
	if f.Indicator != "" {
		cond, condArgs := indicator(f.Indicator, f.IndicatorCity)
		where, args = append(where, cond), append(args, condArgs...)
	}
	if f.User != "" {
		where, args = append(where, "username = ?"), append(args, f.User)
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			where, args = append(where, "action LIKE ?"), append(args, f.Action+"%")
		} else {
			where, args = append(where, "action = ?"), append(args, f.Action)
		}
	}
	if !f.Since.IsZero() {
		where, args = append(where, "at >= ?"), append(args, formatTime(f.Since))
	}
	if f.Before != 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	if f.After != 0 {
		where, args = append(where, "id > ?"), append(args, f.After)
	}
	q = `SELECT id, at, username, action, object, detail FROM event`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	// More than 1000 is 1000, not the 100 of none asked.
	limit = min(limit, maxEvents)
	if f.After != 0 && f.Before == 0 {
		return q + ` ORDER BY id LIMIT ?`, append(args, limit), true
	}
	return q + ` ORDER BY id DESC LIMIT ?`, append(args, limit), false
}
