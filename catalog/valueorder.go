package catalog

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// IndicatorOrder is an indicator code's place in the framework's order
// as a string of digits, so that SQL can order and page values by it under
// any collation; CompareCodes is the comparison of these strings, so the
// values list and the indicator tree go alike. Each part of the code (cut
// at dots) is a run of digits or of other characters after another, then
// 0: a run of digits is a number (1, its count of digits in three, the
// digits without leading zeros), any other run a text (2, each byte in
// three digits, then 000). So 1.2 < 1.2a < 1.2b < 1.3 < 1.10 < 1.a, and a
// code that is a prefix of another (1.1 of 1.1.1) comes first. Codes that
// differ only by leading zeros (1.01 and 1.1) share a place.
func IndicatorOrder(code string) string {
	var b strings.Builder
	for _, part := range strings.Split(code, ".") {
		for part != "" {
			n := runLen(part)
			run := part[:n]
			part = part[n:]
			if !isDigit(run[0]) {
				b.WriteByte('2')
				for i := 0; i < len(run); i++ {
					fmt.Fprintf(&b, "%03d", run[i])
				}
				b.WriteString("000")
				continue
			}
			run = strings.TrimLeft(run, "0")
			for len(run) > 999 { // a number of more digits is read as several
				fmt.Fprintf(&b, "1999%s", run[:999])
				run = run[999:]
			}
			fmt.Fprintf(&b, "1%03d%s", len(run), run)
		}
		b.WriteByte('0')
	}
	return b.String()
}

// runLen is the length of s's first run of digits or of other bytes.
func runLen(s string) int {
	n := 1
	for n < len(s) && isDigit(s[n]) == isDigit(s[0]) {
		n++
	}
	return n
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// CompareCodes orders indicator codes as the framework lists them, part
// by part, numbers as numbers and a letter after its number: 1.1.2 <
// 1.1.10 < 1.2 < 1.2a < 1.3. It compares the codes' IndicatorOrder, the
// order the values list is paged in.
func CompareCodes(a, b string) int {
	return strings.Compare(IndicatorOrder(a), IndicatorOrder(b))
}

// fillValueOrder sets indicator_order of the values stored before the
// column was added (migration 019), one update per indicator code.
func fillValueOrder(ctx context.Context, tx *sql.Tx) error {
	codes, err := queryStrings(ctx, tx, `SELECT DISTINCT indicator_code FROM value`)
	if err != nil {
		return fmt.Errorf("indicator codes of values: %w", err)
	}
	for _, code := range codes {
		if _, err := tx.ExecContext(ctx, `UPDATE value SET indicator_order = ? WHERE indicator_code = ?`, IndicatorOrder(code), code); err != nil {
			return fmt.Errorf("order values of %s: %w", code, err)
		}
	}
	return nil
}

// valueOrder is the order values are listed in: by city, indicator in
// the framework's order, round, then id (a slot holds one value, but two
// codes may share an order: 1.01 and 1.1).
const valueOrder = ` ORDER BY v.city, v.indicator_order, v.round, v.id`

// ValueCursor is where a listing of values goes on after v
// (ValuePage's after): an opaque token for the API's next. A value's place
// is its slot (city, indicator, round), which saving or reviewing it does
// not change, so paging by it neither repeats nor skips a value while
// others record new ones.
func ValueCursor(v *Value) string {
	b, _ := json.Marshal([]any{v.City, IndicatorOrder(v.Indicator), v.Round, v.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// valueKey is a value's place in the listing, read from a cursor.
type valueKey struct {
	city, order string
	round       int
	id          string
}

func parseValueCursor(s string) (valueKey, error) {
	bad := FieldErrorf("after", EINVALID, "%s 不是有效的翻页位置：请用上一页答复中的 next，或从第一页重新列出", "after")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return valueKey{}, bad
	}
	var parts []any
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) != 4 {
		return valueKey{}, bad
	}
	var k valueKey
	var ok [4]bool
	k.city, ok[0] = parts[0].(string)
	k.order, ok[1] = parts[1].(string)
	round, isNum := parts[2].(float64)
	k.round, ok[2] = int(round), isNum && round == math.Trunc(round) && math.Abs(round) < 1e9
	k.id, ok[3] = parts[3].(string)
	if ok != [4]bool{true, true, true, true} || k.id == "" {
		return valueKey{}, bad
	}
	return k, nil
}

// FindValuePage returns at most limit (all when limit is 0) of the values
// f selects, in the listing's order (valueOrder), after the value the
// cursor after names (ValueCursor; from the first when ""), skipping
// offset more. Only the page is read.
func (s *Store) FindValuePage(ctx context.Context, f ValueFilter, after string, offset, limit int) ([]Value, error) {
	where, args, none := valueWhere(f)
	if none {
		return nil, nil
	}
	if after != "" {
		k, err := parseValueCursor(after)
		if err != nil {
			return nil, err
		}
		where = append(where, `(v.city > ? OR (v.city = ? AND (v.indicator_order > ? OR (v.indicator_order = ? AND
			(v.round > ? OR (v.round = ? AND v.id > ?))))))`)
		args = append(args, k.city, k.city, k.order, k.order, k.round, k.round, k.id)
	}
	if limit <= 0 {
		limit = math.MaxInt32
	}
	return s.queryValues(ctx, whereClause(where)+valueOrder+` LIMIT ? OFFSET ?`, append(args, limit, max(offset, 0))...)
}

// CountValues returns how many values f selects are in each review
// status as Value.ReviewStatus reads it (a carried value still to be
// confirmed is ClaimToConfirm), f's own status aside: the tabs of the
// values list.
func (s *Store) CountValues(ctx context.Context, f ValueFilter) (map[ClaimStatus]int, error) {
	f.Status = ""
	counts := map[ClaimStatus]int{}
	where, args, none := valueWhere(f)
	if none {
		return counts, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+reviewStatusSQL(CarryValue, "v.status", "v.id")+`, COUNT(*) FROM value v `+whereClause(where)+` GROUP BY 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("count values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st ClaimStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("count values: %w", err)
		}
		counts[st] = n
	}
	return counts, rows.Err()
}

// PreviousValues returns, for each of vs by its ID, the value of its city
// and indicator in the latest round before its own, when there is one: a
// query per thousand values, not the city's whole history.
func (s *Store) PreviousValues(ctx context.Context, vs []Value) (map[string]*Value, error) {
	out := map[string]*Value{}
	if len(vs) == 0 {
		return out, nil
	}
	ids := make([]string, len(vs))
	for i := range vs {
		ids[i] = vs[i].ID
	}
	var found []Value
	err := forInLists(ids, func(in string, args []any) error {
		got, err := s.queryValues(ctx, `WHERE v.id IN (SELECT (SELECT p.id FROM value p WHERE p.city = c.city
			AND p.indicator_order = c.indicator_order AND p.indicator_code = c.indicator_code AND p.round < c.round
			ORDER BY p.round DESC LIMIT 1) FROM value c WHERE c.id IN `+in+`)`, args...)
		found = append(found, got...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("previous values: %w", err)
	}
	for i := range vs {
		v := &vs[i]
		for j := range found {
			p := &found[j]
			if p.City == v.City && p.Indicator == v.Indicator && p.Round < v.Round && (out[v.ID] == nil || p.Round > out[v.ID].Round) {
				out[v.ID] = p
			}
		}
	}
	return out, nil
}

// valueWhere is the condition of the values f selects; none when it can
// select none (an empty list of cities).
func valueWhere(f ValueFilter) (where []string, args []any, none bool) {
	if f.Cities != nil && len(f.Cities) == 0 {
		return nil, nil, true
	}
	where, args = filterCities(where, args, "v.city", f.City, f.Cities)
	if f.Round != 0 {
		where, args = append(where, "v.round = ?"), append(args, f.Round)
	}
	if f.Indicator != "" {
		where, args = append(where, "v.indicator_code = ?"), append(args, f.Indicator)
	}
	if f.Status != "" {
		w, a := statusWhere(CarryValue, "v.status", "v.id", f.Status)
		where, args = append(where, w), append(args, a...)
	}
	return where, args, false
}

func whereClause(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(where, " AND ")
}
