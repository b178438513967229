package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/width"
)

func frameworkKey(id, version string) string { return id + "@" + version }

// ImportFramework stores a framework version with its indicators and makes
// it current, in one transaction. Importing the same id and version again
// replaces it. Links are kept; those whose code is gone are reported.
// Indicators must already be validated (see package framework).
func (s *Store) ImportFramework(ctx context.Context, fw Framework, inds []Indicator, by string) (*ImportReport, error) {
	return s.importFramework(ctx, fw, inds, by, false)
}

// ImportFrameworkForNextRound is ImportFramework for a framework meant for
// the rounds after the current one: in the same transaction the current
// round first keeps the names it has (RoundFramework), so its report is
// not renamed by the import (ImportReport.KeptRound; 0 when there is no
// current round or it had its names kept already).
func (s *Store) ImportFrameworkForNextRound(ctx context.Context, fw Framework, inds []Indicator, by string) (*ImportReport, error) {
	return s.importFramework(ctx, fw, inds, by, true)
}

func (s *Store) importFramework(ctx context.Context, fw Framework, inds []Indicator, by string, keepCurrent bool) (*ImportReport, error) {
	fw.ImportedAt, fw.ImportedBy = s.now(), by
	key := frameworkKey(fw.ID, fw.Version)
	rep := &ImportReport{Framework: fw}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rep.KeptRound = 0 // a retried transaction starts again
		if keepCurrent {
			if err := s.keepCurrentRound(ctx, tx, rep, by); err != nil {
				return err
			}
		}
		prev, err := currentCodes(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicator WHERE framework_key = ?`, key); err != nil {
			return fmt.Errorf("clear indicators: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM framework WHERE key = ?`, key); err != nil {
			return fmt.Errorf("clear framework: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE framework SET is_current = 0`); err != nil {
			return fmt.Errorf("retire framework: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO framework (key, id, name, name_en, version, imported_at, imported_by, is_current)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, key, fw.ID, fw.Name, fw.NameEN, fw.Version, formatTime(fw.ImportedAt), by)
		if err != nil {
			return fmt.Errorf("insert framework: %w", err)
		}
		codes := make([]string, len(inds))
		for i, ind := range inds {
			kw, _ := json.Marshal(ind.Keywords)
			_, err := tx.ExecContext(ctx, `INSERT INTO indicator (framework_key, code, parent_code, level, position, name,
				name_en, kind, info, info_en, unit, keywords) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				key, ind.Code, ind.ParentCode, ind.Level, i, ind.Name, ind.NameEN, string(ind.Kind), ind.Info, ind.InfoEN, ind.Unit, string(kw))
			if err != nil {
				return fmt.Errorf("insert indicator %s: %w", ind.Code, err)
			}
			codes[i] = ind.Code
		}
		slices.Sort(codes)
		if len(prev) > 0 {
			rep.Removed, rep.Added = diffStrings(prev, codes)
		}
		for _, code := range rep.Removed {
			links, err := queryLinks(ctx, tx, `WHERE l.indicator_code = ?`, code)
			if err != nil {
				return err
			}
			rep.OrphanLinks = append(rep.OrphanLinks, links...)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "framework.import", Object: "framework:" + key,
			Detail: map[string]any{"indicators": len(inds), "added": len(rep.Added), "removed": rep.Removed, "orphan_links": len(rep.OrphanLinks)}})
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

func currentCodes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i.code FROM indicator i JOIN framework f ON f.key = i.framework_key
		WHERE f.is_current = 1 ORDER BY i.code`)
	if err != nil {
		return nil, fmt.Errorf("current codes: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// diffStrings returns what is only in sorted a and only in sorted b.
func diffStrings(a, b []string) (onlyA, onlyB []string) {
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			onlyA = append(onlyA, x)
		}
	}
	for _, x := range b {
		if _, ok := slices.BinarySearch(a, x); !ok {
			onlyB = append(onlyB, x)
		}
	}
	return onlyA, onlyB
}

// CurrentFramework returns the current framework and its indicators in
// import order (parents before children), or ENOTFOUND when none was
// imported.
func (s *Store) CurrentFramework(ctx context.Context) (*Framework, []Indicator, error) {
	var fw Framework
	var key, at string
	err := s.db.QueryRowContext(ctx, `SELECT key, id, name, name_en, version, imported_at, imported_by FROM framework
		WHERE is_current = 1`).Scan(&key, &fw.ID, &fw.Name, &fw.NameEN, &fw.Version, &at, &fw.ImportedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, Errorf(ENOTFOUND, "尚未导入指标体系；请用 evidence framework import 导入")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("query current framework: %w", err)
	}
	fw.ImportedAt = parseTime(at)
	rows, err := s.db.QueryContext(ctx, `SELECT code, parent_code, level, name, name_en, kind, info, info_en, unit, keywords
		FROM indicator WHERE framework_key = ? ORDER BY position`, key)
	if err != nil {
		return nil, nil, fmt.Errorf("query indicators: %w", err)
	}
	defer rows.Close()
	var inds []Indicator
	for rows.Next() {
		var ind Indicator
		var kw string
		if err := rows.Scan(&ind.Code, &ind.ParentCode, &ind.Level, &ind.Name, &ind.NameEN, &ind.Kind, &ind.Info, &ind.InfoEN, &ind.Unit, &kw); err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal([]byte(kw), &ind.Keywords); err != nil {
			return nil, nil, fmt.Errorf("decode keywords of %s: %w", ind.Code, err)
		}
		inds = append(inds, ind)
	}
	return &fw, inds, rows.Err()
}

// Indicator returns the indicator with code in the current framework, or
// ENOTFOUND. A code typed as a Chinese input method types it (2．3．1,
// 指标2.3.1: CodeAsTyped) is that indicator's: callers keep the returned
// indicator's Code, not the code as typed.
func (s *Store) Indicator(ctx context.Context, code string) (*Indicator, error) {
	_, inds, err := s.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range []string{code, CodeAsTyped(code)} {
		for i := range inds {
			if inds[i].Code == c {
				return &inds[i], nil
			}
		}
	}
	return nil, Errorf(ENOTFOUND, "指标 %q 不在当前指标体系中", code)
}

// CodeAsTyped is an indicator code as the framework writes it when a
// Chinese input method typed it: full-width digits and dots folded
// (2．3．3 is 2.3.3, ２.３.３ too), spaces trimmed, and the word 指标
// before the code dropped (指标2.3.3), as cities' tables, manifests and
// forms write it. Anything else is returned folded and trimmed, for the
// caller to find in no framework. Only widths fold: a superscript or a
// circled digit after a code (2.3.1², a footnote's mark) is no digit of
// it, which NFKC made one (2.3.12, another indicator's code).
func CodeAsTyped(code string) string {
	code = strings.TrimSpace(width.Narrow.String(code))
	if rest, ok := strings.CutPrefix(code, "指标"); ok {
		if rest = strings.TrimSpace(rest); rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			code = rest
		}
	}
	return code
}

// CodesAsTyped is CodeAsTyped of each code, in a new slice (a filter's
// indicators: the search's and a saved search's).
func CodesAsTyped(codes []string) []string {
	if len(codes) == 0 {
		return codes
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = CodeAsTyped(c)
	}
	return out
}

// Rounds returns the monitoring rounds, oldest first.
func (s *Store) Rounds(ctx context.Context) ([]Round, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT year, label, is_current,
		EXISTS (SELECT 1 FROM round_framework k WHERE k.round = round.year) FROM round ORDER BY year`)
	if err != nil {
		return nil, fmt.Errorf("query rounds: %w", err)
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		var r Round
		if err := rows.Scan(&r.Year, &r.Label, &r.Current, &r.NamesKept); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DefaultRoundLabel is the label AddRound gives a round added without
// one: 2019年度监测.
func DefaultRoundLabel(year int) string { return fmt.Sprintf("%d年度监测", year) }

// AddRound adds a monitoring round; current makes it the current one.
func (s *Store) AddRound(ctx context.Context, r Round, by string) error {
	if !RoundYear(r.Year) {
		return FieldErrorf("year", EINVALID, "监测轮次的年份 %d 不合理", r.Year)
	}
	if r.Label == "" {
		r.Label = DefaultRoundLabel(r.Year)
	}
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if r.Current {
			// The round that stops being current keeps the names it was
			// monitored under (roundnames.go).
			if err := s.keepLeavingRound(ctx, tx, r.Year, by, now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE round SET is_current = 0`); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO round (year, label, is_current) VALUES (?, ?, ?)`, r.Year, r.Label, r.Current); err != nil {
			return fmt.Errorf("insert round: %w", err)
		}
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "round.create", Object: fmt.Sprintf("round:%d", r.Year),
			Detail: map[string]any{"label": r.Label, "current": r.Current}})
	})
	if ErrorCode(err) == ECONFLICT {
		return FieldErrorf("year", ECONFLICT, "监测轮次 %d 已存在；如需设为当前轮次，请在轮次列表中点“设为当前轮次”", r.Year)
	}
	return err
}

// AddCity adds a city by its GB/T 2260 code.
func (s *Store) AddCity(ctx context.Context, c City, by string) error {
	if len(c.Code) != 6 || c.Code[0] == '0' || !isDigits(c.Code) {
		return FieldErrorf("code", EINVALID, "城市代码应为 6 位 GB/T 2260 行政区划代码（如 320100），收到 %q", c.Code)
	}
	if c.Name == "" {
		return FieldErrorf("name", EINVALID, "缺少城市名称")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO city (code, name) VALUES (?, ?)`, c.Code, c.Name); err != nil {
			return fmt.Errorf("insert city: %w", err)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "city.create", Object: "city:" + c.Code,
			Detail: map[string]any{"name": c.Name}})
	})
	if ErrorCode(err) == ECONFLICT {
		return FieldErrorf("code", ECONFLICT, "城市 %s 已存在", c.Code)
	}
	if err == nil {
		s.citiesAdded.Add(1)
	}
	return err
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
