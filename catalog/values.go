package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/oklog/ulid/v2"
	"golang.org/x/text/width"
)

// Value is a quantitative key indicator's number for a city and round,
// with the passage that proves it. Its review follows the claims'
// vocabulary (ClaimStatus).
type Value struct {
	ID         string
	City       string
	Round      int
	Indicator  string
	Number     float64 // in Unit, the indicator's unit
	Given      string  // as the coordinator wrote it, e.g. 12.3万
	Unit       string
	Citation   Citation
	ValueFound bool // the number is written in the cited passage on the cited page
	// PassageUnit is the unit the cited passage writes the number in when
	// it is not the value's (单位不符: 56场 cited for 56%), so the number is
	// not found as it is; "" otherwise.
	PassageUnit string
	Status      ClaimStatus
	Carry       CarryState // CarryToConfirm while a carried value waits for its coordinator
	// SourcesDeleted: the value cites a document and it is deleted
	// (出处已删除, sourcesDeletedSQL), read with the value so that a later
	// round never compares with a number nothing backs any more.
	SourcesDeleted bool
	CreatedBy      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Replaced is set by saving: the value as written that this one
	// replaced in its slot (city, round, indicator), "" when the slot was
	// empty. Not stored.
	Replaced string
	// ReplacedValue is the value Replaced names (its number, unit, as
	// typed, and its review status before saving reset it to 待审核), nil
	// when the slot was empty. Not stored.
	ReplacedValue *Value
	// Unchanged is set by saving: the slot already held this very value
	// (number as written, unit, cited document, page and quote), so
	// nothing was written, no event recorded, and the value keeps its
	// status, verdict included. Not stored.
	Unchanged bool
	// VerdictCleared is set by saving: the verdict (属实, 证据不足, 与证据矛盾)
	// the value in the slot had, which this save set back to 待审核; ""
	// when it had none or nothing changed. Not stored.
	VerdictCleared ClaimStatus
	// Warnings are what recording found unlikely about the number
	// (years of schooling over 30), in each language: saved all the same,
	// for the coordinator to check, and said again to the reviewer
	// (values.Service reads them anew from the number). Not stored.
	Warnings []Words
}

// ValueFilter selects values; empty fields match all.
type ValueFilter struct {
	City      string
	Cities    []string // when not nil, only these cities
	Round     int
	Indicator string
	Status    ClaimStatus
}

var valueColumns = `v.id, v.city, v.round, v.indicator_code, v.number, v.given, v.unit, v.document_id, v.sha256, v.page,
	v.quote, v.quote_found, v.found_on_page, v.quote_read, v.value_found, v.passage_unit, v.status, v.created_by, v.created_at, v.updated_at,
	v.recheck_error, COALESCE(v.recheck_error_en, ''), COALESCE((SELECT c.state FROM carryover c WHERE c.kind = 'value' AND c.object_id = v.id), '')` +
	`, CASE WHEN ` + valueSourceDeletedSQL + ` THEN 1 ELSE 0 END`

// valueFrom is the FROM of valueColumns: each value with the document it
// cites joined once, so that a listing learns which sources are deleted
// in its one pass rather than by sourcesDeletedSQL's subquery per row.
const valueFrom = ` FROM value v LEFT JOIN document vd ON vd.id = v.document_id `

// valueQuery is the query of the values where (a WHERE and what follows
// it, over v) selects.
func valueQuery(where string) string { return `SELECT ` + valueColumns + valueFrom + where }

// Written is the value as its coordinator wrote it, with its unit when
// the writing lacks it: 12.3万人, 85.3%, 123个; the number and unit when
// nothing was written (values recorded before Given was kept). Full-width
// forms are shown half-width (９５％ is 95%, １２５６０００ 人次 is
// 1256000 人次): one display form of a number on every page and in the
// report, whatever the keyboard typed; Given keeps what was typed.
func (v *Value) Written() string {
	if v.Given == "" {
		return strconv.FormatFloat(v.Number, 'f', -1, 64) + v.Unit
	}
	given := halfWidth(v.Given)
	if number, unit, ok := v.writtenUnit(); ok {
		// 1.2万 人次, 1200 人次 and 12.3 万人, as values were saved
		// before, read 1.2万人次, 1200人次 and 12.3万人; ９５％ reads 95%.
		return halfWidth(JoinUnit(magnitudeJoined(number), unit))
	}
	return given + v.Unit
}

// magnitudeJoined is number with no space before the Chinese magnitude
// it ends with (12.3 万 is 12.3万), as JoinUnit joined 12.3 to 万人 before;
// spaces among its digits (1 200) stay, as typed.
func magnitudeJoined(number string) string {
	last, n := utf8.DecodeLastRuneInString(number)
	if !strings.ContainsRune("万亿千百", last) {
		return number
	}
	return strings.TrimSpace(number[:len(number)-n]) + string(last)
}

// JoinUnit writes a number and the unit after it as Chinese text writes
// them: together when the unit begins with a Chinese character or a sign
// (1200人次, 12.3万人, 85.3%, 36.5℃, as 23个 reads), with one space
// before a unit in Latin letters (1200 km, 3 GB), as SI writes those.
func JoinUnit(number, unit string) string {
	number, unit = strings.TrimSpace(number), strings.TrimSpace(unit)
	first, _ := utf8.DecodeRuneInString(unit)
	if unit == "" || !unicode.IsLetter(first) || unicode.Is(unicode.Han, first) {
		return number + unit
	}
	return number + " " + unit
}

// halfWidth is s with its full-width forms (digits, letters, ％, ．)
// half-width and the ideographic space a space; Chinese characters stay.
func halfWidth(s string) string { return width.Fold.String(s) }

// writtenUnit splits Given into the number and the unit written after
// it, when that is the value's unit or, for a unit with a scale (万人次),
// its base (12345000 人次), or no unit for a percentage written with
// 百分之; ok is false when Given writes no unit. Units
// are compared by SameUnit, so ９５％ ends with %; the unit is returned as
// Given writes it.
func (v *Value) writtenUnit() (number, unit string, ok bool) {
	units := []string{v.Unit}
	for _, scale := range []string{"万", "亿", "千", "百"} {
		if base, ok := strings.CutPrefix(v.Unit, scale); ok && base != "" {
			units = append(units, base)
		}
	}
	if SameUnit(v.Unit, "%") && strings.Contains(v.Given, "百分之") {
		return v.Given, "", true // 百分之十二: the percent is written before the number
	}
	given := []rune(v.Given)
	for _, u := range units {
		n := len([]rune(u))
		if u != "" && n <= len(given) && SameUnit(string(given[len(given)-n:]), u) {
			return strings.TrimSpace(string(given[:len(given)-n])), string(given[len(given)-n:]), true
		}
	}
	return "", "", false
}

// ReviewStatus is the value's status as the review queue has it:
// ClaimToConfirm while it is pending but carried over and not yet
// confirmed by its city, else Status.
func (v Value) ReviewStatus() ClaimStatus { return reviewStatus(v.Status, v.Carry) }

// Version names the state of v a verdict is given on, as Claim.Version
// a claim's: its UpdatedAt as stored, which recording it again and every
// verdict move.
func (v Value) Version() string { return strconv.FormatInt(v.UpdatedAt.UnixMicro(), 10) }

// SameUnit reports whether two units are the same but for the width of
// their characters (％ and %, 元／人 and 元/人), as coordinators, ledgers
// and passages write them.
func SameUnit(a, b string) bool { return width.Fold.String(a) == width.Fold.String(b) }

// SaveValue records v in its slot (city, round, indicator): a new value,
// or a replacement of the one there, which goes back to pending (and,
// when it was carried over, counts as updated), its event naming the
// verdict it cleared (EventVerdictCleared, v.VerdictCleared). v.ID and
// times are set. A save of the value the slot holds (sameValue) is no
// change: nothing is written, v is set to the value as stored and
// v.Unchanged to true, as UpdateClaimChanged does for a claim; a ledger
// imported again must not send its reviewed values back to review.
func (s *Store) SaveValue(ctx context.Context, v *Value, by string) error {
	return s.SaveValues(ctx, []*Value{v}, by)
}

// SaveValues saves several values as SaveValue does, all or none.
func (s *Store) SaveValues(ctx context.Context, vs []*Value, by string) error {
	rounds := make([]int, len(vs))
	for i, v := range vs {
		rounds[i] = v.Round
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdRounds(ctx, tx, rounds); err != nil {
			return err
		}
		for _, v := range vs {
			if err := s.saveValue(ctx, tx, v, by); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) saveValue(ctx context.Context, tx *sql.Tx, v *Value, by string) error {
	now := s.now()
	was, filled, err := slotValue(ctx, tx, v)
	if err != nil {
		return err
	}
	if !filled {
		was = nil
	}
	v.Replaced, v.ReplacedValue, v.Unchanged, v.VerdictCleared = "", nil, false, ""
	if was != nil {
		v.Replaced, v.ReplacedValue = was.Written(), was
		if sameValue(was, v) {
			v.ID, v.Status, v.Carry, v.CreatedBy, v.CreatedAt, v.UpdatedAt = was.ID, was.Status, was.Carry, was.CreatedBy, was.CreatedAt, was.UpdatedAt
			v.Unchanged = true
			return nil
		}
	}
	v.Status, v.UpdatedAt, v.CreatedBy = ClaimPending, now, by
	c := v.Citation
	action := "value.update"
	if was == nil {
		action, v.ID, v.CreatedAt = "value.create", ulid.Make().String(), now
		_, err = tx.ExecContext(ctx, `INSERT INTO value (id, city, round, indicator_code, indicator_order, number, given, unit, document_id,
			sha256, page, quote, quote_found, found_on_page, quote_read, value_found, passage_unit, status, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.ID, v.City, v.Round, v.Indicator,
			IndicatorOrder(v.Indicator), v.Number, v.Given, v.Unit, c.DocumentID, c.SHA256, c.Page, c.Quote, c.QuoteFound, c.FoundOnPage, c.QuoteRead,
			v.ValueFound, v.PassageUnit, v.Status, by, formatTime(now), formatTime(now))
	} else {
		v.ID = was.ID
		_, err = tx.ExecContext(ctx, `UPDATE value SET number = ?, given = ?, unit = ?, document_id = ?, sha256 = ?, page = ?,
			quote = ?, quote_found = ?, found_on_page = ?, quote_read = ?, value_found = ?, passage_unit = ?, status = ?, created_by = ?, updated_at = ?,
			recheck_error = '', recheck_error_en = NULL WHERE id = ?`, v.Number, v.Given, v.Unit, c.DocumentID, c.SHA256, c.Page, c.Quote, c.QuoteFound, c.FoundOnPage, c.QuoteRead,
			v.ValueFound, v.PassageUnit, v.Status, by, formatTime(now), was.ID)
		if err == nil {
			err = s.markCarryUpdated(ctx, tx, CarryValue, was.ID, by)
		}
	}
	if err != nil {
		return fmt.Errorf("save value: %w", err)
	}
	v.Carry = ""
	detail := map[string]any{"city": v.City, "round": v.Round, "indicator": v.Indicator, "number": v.Number,
		"unit": v.Unit, "document": c.DocumentID, "page": c.Page, "value_found": v.ValueFound, "passage_unit": v.PassageUnit}
	if was != nil {
		if _, ok := VerdictWords[was.Status]; ok {
			v.VerdictCleared, detail[EventVerdictCleared] = was.Status, was.Status
		}
	}
	return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: action, Object: "value:" + v.ID, Detail: detail})
}

// slotValue reads the value in v's slot (city, round, indicator) through
// tx, as it is before tx changes it; filled is false when the slot is
// empty.
func slotValue(ctx context.Context, tx *sql.Tx, v *Value) (was *Value, filled bool, err error) {
	was = &Value{}
	var created, updated string
	c := &was.Citation
	err = tx.QueryRowContext(ctx, `SELECT id, number, given, unit, status, document_id, page, quote, created_by, created_at, updated_at,
		COALESCE((SELECT k.state FROM carryover k WHERE k.kind = 'value' AND k.object_id = value.id), '')
		FROM value WHERE city = ? AND round = ? AND indicator_code = ?`, v.City, v.Round, v.Indicator).Scan(
		&was.ID, &was.Number, &was.Given, &was.Unit, &was.Status, &c.DocumentID, &c.Page, &c.Quote, &was.CreatedBy, &created, &updated, &was.Carry)
	if errors.Is(err, sql.ErrNoRows) {
		return was, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find value slot: %w", err)
	}
	was.CreatedAt, was.UpdatedAt = parseTime(created), parseTime(updated)
	return was, true, nil
}

// sameValue reports whether saving v over was changes nothing a
// coordinator says: the number as written, its unit, and the passage
// cited (document, page, quote). What the check found in the passage is
// read from them, not said by whoever saves.
func sameValue(was, v *Value) bool {
	return was.Number == v.Number && was.Given == v.Given && was.Unit == v.Unit &&
		was.Citation.DocumentID == v.Citation.DocumentID && was.Citation.Page == v.Citation.Page && was.Citation.Quote == v.Citation.Quote
}

// Value returns a value, or ENOTFOUND.
func (s *Store) Value(ctx context.Context, id string) (*Value, error) {
	vs, err := s.queryValues(ctx, `WHERE v.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, Errorf(ENOTFOUND, "数值 %s 不存在", id)
	}
	return &vs[0], nil
}

// ValuesByID returns the values of ids by ID in one query; IDs of no
// value are left out.
func (s *Store) ValuesByID(ctx context.Context, ids []string) (map[string]*Value, error) {
	out := make(map[string]*Value, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	return out, forInLists(ids, func(in string, args []any) error {
		vs, err := s.queryValues(ctx, `WHERE v.id IN `+in, args...)
		for i := range vs {
			out[vs[i].ID] = &vs[i]
		}
		return err
	})
}

// FindValues lists values matching f by city, indicator in the
// framework's order and round (valueOrder).
func (s *Store) FindValues(ctx context.Context, f ValueFilter) ([]Value, error) {
	return s.FindValuePage(ctx, f, "", 0, 0)
}

func (s *Store) queryValues(ctx context.Context, where string, args ...any) ([]Value, error) {
	rows, err := s.db.QueryContext(ctx, valueQuery(where), args...)
	if err != nil {
		return nil, fmt.Errorf("query values: %w", err)
	}
	defer rows.Close()
	var out []Value
	for rows.Next() {
		var v Value
		var created, updated string
		c := &v.Citation
		if err := rows.Scan(&v.ID, &v.City, &v.Round, &v.Indicator, &v.Number, &v.Given, &v.Unit, &c.DocumentID, &c.SHA256,
			&c.Page, &c.Quote, &c.QuoteFound, &c.FoundOnPage, &c.QuoteRead, &v.ValueFound, &v.PassageUnit, &v.Status, &v.CreatedBy, &created, &updated,
			&c.RecheckError, &c.RecheckErrorEN, &v.Carry, &v.SourcesDeleted); err != nil {
			return nil, err
		}
		v.CreatedAt, v.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, v)
	}
	return out, rows.Err()
}

// AddValueReview records a verdict on a value and makes it its status.
func (s *Store) AddValueReview(ctx context.Context, valueID string, r *Review) error {
	r.ID, r.At, r.ClaimID = ulid.Make().String(), s.now(), ""
	return s.inTx(ctx, func(tx *sql.Tx) error {
		stored, err := seenVersion(ctx, tx, "value", valueID, r, valueWords)
		if err != nil {
			return err
		}
		if err := refuseVerifiedWithoutSources(ctx, tx, CarryValue, valueID, r.Verdict); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO value_review (id, value_id, reviewer, verdict, comment, at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, valueID, r.Reviewer, r.Verdict, r.Comment, formatTime(r.At))
		if err != nil {
			return fmt.Errorf("insert value review: %w", err)
		}
		// As AddReview: never a verdict on a carried value its city has
		// not confirmed yet.
		// A revision (改判) lands only on the verdict it revises, as
		// AddReview's.
		// A first verdict lands only on a value still waiting for one, as
		// AddReview's.
		q, args := `UPDATE value SET status = ?, updated_at = ? WHERE id = ? AND NOT `+
			fmt.Sprintf(unconfirmedSQL, CarryValue, "value.id")+` AND status = ?`,
			[]any{r.Verdict, formatTime(r.At), valueID, cmp.Or(r.Revises, ClaimPending)}
		if stored != "" {
			q, args = q+` AND updated_at = ?`, append(args, stored)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("set value status: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var round int
			var st ClaimStatus
			var now string
			if err := tx.QueryRowContext(ctx, `SELECT round, status, updated_at FROM value WHERE id = ?`, valueID).Scan(&round, &st, &now); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return Errorf(ENOTFOUND, "数值 %s 不存在", valueID)
				}
				return fmt.Errorf("read value %s: %w", valueID, err)
			}
			if err := staleVerdict(r, valueWords, st, now); err != nil {
				return err
			}
			switch {
			case r.Revises != "":
				return RevisedVerdictChangedError(Words{Chinese: "数值", English: "value"})
			case st != ClaimPending && st != ClaimWithdrawn:
				return ReviewedMeanwhileError(st)
			}
			return NotConfirmedError(Words{Chinese: "数值", English: "value"}, round)
		}
		action := "value.review"
		switch r.Revises {
		case "":
		case r.Verdict:
			action = "value.review_comment"
		default:
			action = "value.revise"
		}
		return s.recordEvent(ctx, tx, reviewEvent(action, "value:"+valueID, r))
	})
}

// ValueReviewsOf returns the reviews of each value of ids, oldest first,
// in one query.
func (s *Store) ValueReviewsOf(ctx context.Context, valueIDs []string) (map[string][]Review, error) {
	out := map[string][]Review{}
	if len(valueIDs) == 0 {
		return out, nil
	}
	return out, forInLists(valueIDs, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT value_id, id, reviewer, verdict, comment, at FROM value_review WHERE value_id IN `+
			in+` ORDER BY at, id`, args...)
		if err != nil {
			return fmt.Errorf("query value reviews: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var value, at string
			var r Review
			if err := rows.Scan(&value, &r.ID, &r.Reviewer, &r.Verdict, &r.Comment, &at); err != nil {
				return err
			}
			r.At = parseTime(at)
			out[value] = append(out[value], r)
		}
		return rows.Err()
	})
}

// ValueReviews returns a value's reviews, oldest first.
func (s *Store) ValueReviews(ctx context.Context, valueID string) ([]Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, reviewer, verdict, comment, at FROM value_review WHERE value_id = ? ORDER BY at, id`, valueID)
	if err != nil {
		return nil, fmt.Errorf("query value reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var at string
		if err := rows.Scan(&r.ID, &r.Reviewer, &r.Verdict, &r.Comment, &at); err != nil {
			return nil, err
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}
