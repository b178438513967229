package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// CarryKind is what a carry-over took into the new round.
type CarryKind string

// The kinds of carried objects.
const (
	CarryLink  CarryKind = "link"
	CarryClaim CarryKind = "claim"
	CarryValue CarryKind = "value"
)

// CarryState is where a carried object is in its re-confirmation.
type CarryState string

// Carry states: to_confirm (待确认) until the coordinator confirms it as it
// is, changes it (updated) or drops it from the new round.
const (
	CarryToConfirm CarryState = "to_confirm"
	CarryConfirmed CarryState = "confirmed"
	CarryUpdated   CarryState = "updated"
	CarryDropped   CarryState = "dropped"
)

// Carryover is one object taken from an earlier round into a new one.
type Carryover struct {
	ID        string
	City      string
	Round     int
	FromRound int
	Kind      CarryKind
	Indicator string
	SourceID  string // the link, or the claim or value of FromRound
	ObjectID  string // the link, or the new claim or value of Round
	State     CarryState
	DecidedBy string
	DecidedAt time.Time
	CreatedAt time.Time
	// SourcesDeleted is true for a carried claim or value whose cited
	// documents are all deleted (出处已删除, sourcesDeletedSQL): it
	// cannot be confirmed as it is.
	SourcesDeleted bool
}

// EventRoundCarryover is the action of the audit event a carry-over
// records (CarryOver): about the round, and about each claim it copied.
const EventRoundCarryover = "round.carryover"

// CarryReport counts what a carry-over took into the new round.
type CarryReport struct {
	FromRound int `json:"from_round"`
	Links     int `json:"links"`
	Claims    int `json:"claims"`
	Values    int `json:"values"`
}

// CarryOver takes a city's links (of documents of round from, or carried
// into it), claims and values of round from into round to as to_confirm,
// in one transaction. Objects carried before, and slots the new round
// already fills (a value recorded there), are left alone, so running it
// again adds only what is new.
func (s *Store) CarryOver(ctx context.Context, city string, from, to int, by string) (*CarryReport, error) {
	rep := &CarryReport{FromRound: from}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The claims carried are claim changes: stamped under the claims'
		// lock, first, as a review is, so that their stamps follow commits.
		stamp, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.holdRound(ctx, tx, to); err != nil {
			return err
		}
		now := formatTime(stamp)
		// Each claim copied finds the carry-over in its own history
		// (处理记录), which would otherwise start empty in the new round.
		var copies []string
		add := func(kind CarryKind, code, source, object string) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO carryover (id, city, round, from_round, kind, indicator_code, source_id,
				object_id, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ulid.Make().String(), city, to, from, kind,
				code, source, object, CarryToConfirm, now)
			if err == nil && kind == CarryClaim {
				copies = append(copies, "claim:"+object)
			}
			return err
		}
		n, err := carryLinks(ctx, tx, city, from, to, add)
		if err != nil {
			return err
		}
		rep.Links = n
		if rep.Claims, err = carryClaims(ctx, tx, city, from, to, now, add); err != nil {
			return err
		}
		if rep.Values, err = carryValues(ctx, tx, city, from, to, now, add); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: EventRoundCarryover, Object: fmt.Sprintf("round:%d", to), Also: copies,
			Detail: map[string]any{"city": city, "from": from, "links": rep.Links, "claims": rep.Claims, "values": rep.Values}})
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

type addCarry func(kind CarryKind, code, source, object string) error

// pairs reads (id, indicator code) rows.
func pairs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([][2]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func carryLinks(ctx context.Context, tx *sql.Tx, city string, from, to int, add addCarry) (int, error) {
	// A link that counts in the new round already, its document being of
	// that round, is not carried there: it has nothing to re-confirm, and
	// a carried row would be one more way for it to count. Nor is a link
	// a hand-in made for a task since returned (one left from before
	// returns deleted them): the file was sent back.
	y, t := fmt.Sprint(from), fmt.Sprint(to)
	links, err := pairs(ctx, tx, `SELECT l.id, l.indicator_code FROM link l JOIN document d ON d.id = l.document_id
		WHERE d.deleted_at IS NULL AND d.city = ? AND (`+ofDocumentRound+`
		   OR l.id IN (SELECT object_id FROM carryover WHERE kind = 'link' AND round = ? AND state <> 'dropped'))
		AND l.id NOT IN (SELECT source_id FROM carryover WHERE kind = 'link' AND round = ?)
		AND NOT `+ofDocumentRound+`
		AND NOT `+returnedHandInLink, city, y, y, from, from, to, t, t, to)
	if err != nil {
		return 0, fmt.Errorf("links to carry: %w", err)
	}
	for _, l := range links {
		if err := add(CarryLink, l[1], l[0], l[0]); err != nil {
			return 0, fmt.Errorf("carry link %s: %w", l[0], err)
		}
	}
	return len(links), nil
}

// carryClaims copies the round's claims into the next, pending review
// there, each still its author's: the statement is theirs, not the one
// who started the round.
func carryClaims(ctx context.Context, tx *sql.Tx, city string, from, to int, now string, add addCarry) (int, error) {
	claims, err := pairs(ctx, tx, `SELECT id, indicator_code FROM claim WHERE city = ? AND round = ? AND status <> 'withdrawn'
		AND id NOT IN (SELECT source_id FROM carryover WHERE kind = 'claim' AND round = ?)`, city, from, to)
	if err != nil {
		return 0, fmt.Errorf("claims to carry: %w", err)
	}
	for _, c := range claims {
		id, err := copyClaim(ctx, tx, c[0], to, now)
		if err != nil {
			return 0, err
		}
		if err := add(CarryClaim, c[1], c[0], id); err != nil {
			return 0, err
		}
	}
	return len(claims), nil
}

// copyClaim copies the claim source, with its citations, into round to,
// pending review there, and returns the copy's id.
func copyClaim(ctx context.Context, tx *sql.Tx, source string, to int, now string) (string, error) {
	id := ulid.Make().String()
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim (id, city, round, indicator_code, statement, status, created_by, created_at, updated_at, citations_numbered)
		SELECT ?, city, ?, indicator_code, statement, ?, created_by, ?, ?, citations_numbered FROM claim WHERE id = ?`, id, to, ClaimPending, now, now, source); err != nil {
		return "", fmt.Errorf("carry claim %s: %w", source, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO citation (id, claim_id, position, document_id, sha256, page, quote, quote_found, found_on_page, quote_read)
		SELECT id || ?, ?, position, document_id, sha256, page, quote, quote_found, found_on_page, quote_read FROM citation WHERE claim_id = ?`,
		"-"+id, id, source); err != nil {
		return "", fmt.Errorf("carry citations of %s: %w", source, err)
	}
	return id, nil
}

// carryValues copies the round's values into the next as carryClaims
// does its claims.
func carryValues(ctx context.Context, tx *sql.Tx, city string, from, to int, now string, add addCarry) (int, error) {
	vals, err := pairs(ctx, tx, `SELECT id, indicator_code FROM value v WHERE city = ? AND round = ?
		AND NOT EXISTS (SELECT 1 FROM value n WHERE n.city = v.city AND n.round = ? AND n.indicator_code = v.indicator_code)`, city, from, to)
	if err != nil {
		return 0, fmt.Errorf("values to carry: %w", err)
	}
	for _, v := range vals {
		id, err := copyValue(ctx, tx, v[0], to, now)
		if err != nil {
			return 0, err
		}
		if err := add(CarryValue, v[1], v[0], id); err != nil {
			return 0, err
		}
	}
	return len(vals), nil
}

// copyValue copies the value source into round to, pending review there,
// and returns the copy's id.
func copyValue(ctx context.Context, tx *sql.Tx, source string, to int, now string) (string, error) {
	id := ulid.Make().String()
	if _, err := tx.ExecContext(ctx, `INSERT INTO value (id, city, round, indicator_code, indicator_order, number, given, unit,
		document_id, sha256, page, quote, quote_found, found_on_page, quote_read, value_found, passage_unit, status, created_by, created_at, updated_at)
		SELECT ?, city, ?, indicator_code, indicator_order, number, given, unit, document_id, sha256, page, quote, quote_found, found_on_page, quote_read,
		value_found, passage_unit, ?, created_by, ?, ? FROM value WHERE id = ?`, id, to, ClaimPending, now, now, source); err != nil {
		return "", fmt.Errorf("carry value %s: %w", source, err)
	}
	return id, nil
}

// CarryFilter selects carried objects; empty fields match all.
type CarryFilter struct {
	City   string
	Cities []string // when not nil, only these cities (the scope's list)
	Round  int
	State  CarryState
	// Live keeps only carried objects still there: a link whose document
	// is not deleted and could be read (not failed), a claim not
	// withdrawn, a value not removed. The heat
	// map, the comparison and the report count those to confirm; a row
	// whose object is gone has nothing left to confirm.
	Live bool
	// Document, when not "", keeps only the links of that document.
	Document string
}

// KeptValues returns the values of a city's round carried over and
// confirmed as they were (确认沿用), by ID, each with the round whose
// figure it is: a value changed since is CarryUpdated, no longer kept.
// The report and the round comparison say 沿用2018年度数值 of them.
func (s *Store) KeptValues(ctx context.Context, city string, round int) (map[string]int, error) {
	kept, err := s.Carryovers(ctx, CarryFilter{City: city, Round: round, State: CarryConfirmed, Live: true})
	if err != nil {
		return nil, fmt.Errorf("kept values of %s in %d: %w", city, round, err)
	}
	out := map[string]int{}
	for _, c := range kept {
		if c.Kind == CarryValue && c.FromRound > 0 {
			out[c.ObjectID] = c.FromRound
		}
	}
	return out, nil
}

// Carryovers lists carried objects by indicator code and kind.
func (s *Store) Carryovers(ctx context.Context, f CarryFilter) ([]Carryover, error) {
	q := `SELECT id, city, round, from_round, kind, indicator_code, source_id, object_id, state, decided_by, decided_at, created_at,
		` + carrySourcesDeletedSQL + ` FROM carryover WHERE 1 = 1`
	var args []any
	if where, a := filterCities(nil, nil, "city", f.City, f.Cities); len(where) > 0 {
		q, args = q+` AND `+strings.Join(where, " AND "), a
	}
	if f.Round != 0 {
		q, args = q+` AND round = ?`, append(args, f.Round)
	}
	if f.State != "" {
		q, args = q+` AND state = ?`, append(args, f.State)
	}
	if f.Document != "" {
		q, args = q+` AND kind = 'link' AND object_id IN (SELECT id FROM link WHERE document_id = ?)`, append(args, f.Document)
	}
	if f.Live {
		q += ` AND (kind = 'link' AND object_id IN (SELECT l.id FROM link l JOIN document d ON d.id = l.document_id
				WHERE d.deleted_at IS NULL AND d.status <> 'failed')
			OR kind = 'claim' AND object_id IN (SELECT id FROM claim WHERE status <> 'withdrawn')
			OR kind = 'value' AND object_id IN (SELECT id FROM value))`
	}
	return s.queryCarryovers(ctx, q+` ORDER BY indicator_code, kind, id`, args...)
}

// CarryoverByID returns one carried object, or ENOTFOUND.
func (s *Store) CarryoverByID(ctx context.Context, id string) (*Carryover, error) {
	cs, err := s.queryCarryovers(ctx, `SELECT id, city, round, from_round, kind, indicator_code, source_id, object_id, state,
		decided_by, decided_at, created_at, `+carrySourcesDeletedSQL+` FROM carryover WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, Errorf(ENOTFOUND, "结转记录 %s 不存在", id)
	}
	return &cs[0], nil
}

// CarriedInto returns how an object of a round got there when it was
// carried from an earlier round (the claim or value it copies), or
// ENOTFOUND when it was not.
func (s *Store) CarriedInto(ctx context.Context, kind CarryKind, objectID string) (*Carryover, error) {
	cs, err := s.queryCarryovers(ctx, `SELECT id, city, round, from_round, kind, indicator_code, source_id, object_id, state,
		decided_by, decided_at, created_at, `+carrySourcesDeletedSQL+` FROM carryover WHERE kind = ? AND object_id = ? ORDER BY round DESC`, kind, objectID)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, Errorf(ENOTFOUND, "%s 不是从上一轮结转的", objectID)
	}
	return &cs[0], nil
}

func (s *Store) queryCarryovers(ctx context.Context, q string, args ...any) ([]Carryover, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query carryovers: %w", err)
	}
	defer rows.Close()
	var out []Carryover
	for rows.Next() {
		var c Carryover
		var decided, created string
		if err := rows.Scan(&c.ID, &c.City, &c.Round, &c.FromRound, &c.Kind, &c.Indicator, &c.SourceID, &c.ObjectID, &c.State,
			&c.DecidedBy, &decided, &created, &c.SourcesDeleted); err != nil {
			return nil, err
		}
		if decided != "" {
			c.DecidedAt = parseTime(decided)
		}
		c.CreatedAt = parseTime(created)
		out = append(out, c)
	}
	return out, rows.Err()
}

// DecideCarryover confirms (CarryConfirmed) or drops (CarryDropped) an
// object waiting for re-confirmation. Dropping a carried claim or value
// deletes it from the new round; a dropped link stays with its document
// but no longer counts in the new round, as DropLinkFromRound drops it
// (ECONFLICT when the round is the only one it counts in). ECONFLICT when
// already decided.
func (s *Store) DecideCarryover(ctx context.Context, id string, state CarryState, by string) error {
	now := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var kind CarryKind
		var object string
		var was CarryState
		var round int
		var indicator string
		err := tx.QueryRowContext(ctx, `SELECT kind, object_id, round, indicator_code FROM carryover WHERE id = ?`, id).Scan(&kind, &object, &round, &indicator)
		if err == sql.ErrNoRows {
			return Errorf(ENOTFOUND, "结转记录 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("read carryover %s: %w", id, err)
		}
		// A link dropped from the round may be confirmed in it again (as
		// RestoreLinkToRound does): the round before the link and its rows.
		if err := s.holdRound(ctx, tx, round); err != nil {
			return err
		}
		// A link is locked before its rows, as DropLinkFromRound locks it.
		var link *lockedLink
		if kind == CarryLink {
			if link, err = s.lockLink(ctx, tx, object); err != nil && !IsNotFound(err) {
				return err
			}
		}
		err = tx.QueryRowContext(ctx, `SELECT state, round FROM carryover WHERE id = ?`+s.dialect.lockRow, id).Scan(&was, &round)
		if err == sql.ErrNoRows {
			return Errorf(ENOTFOUND, "结转记录 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("read carryover %s: %w", id, err)
		}
		if kind == CarryLink && state == CarryConfirmed {
			if err := carriedLinkConfirmable(ctx, tx, object, link); err != nil {
				return err
			}
		}
		switch {
		case was == CarryToConfirm:
		case kind == CarryLink && state == CarryDropped && was != CarryDropped:
			// A link confirmed in the round (or used there by an upload or
			// on its document's page) may still be dropped from it; its
			// other rounds keep it.
		case kind == CarryLink && state == CarryConfirmed && was == CarryDropped && link != nil:
			// 本轮不用 undone: the link counts in the round again.
		case was == state:
			return Errorf(ECONFLICT, "这一项在 %d年度已经处理过（%s），无需再次处理", round, carryStateWords(was))
		case kind == CarryLink:
			return Errorf(ECONFLICT, "这条关联的文档已删除，不能再计入 %d年度", round)
		default:
			return Errorf(ECONFLICT, "这一项在 %d年度已经处理过（%s）；本轮不再使用的话，请在本轮的定性描述或数值页删除或修改它", round, carryStateWords(was))
		}
		if kind != CarryLink && state == CarryConfirmed {
			gone, err := sourcesDeleted(ctx, tx, kind, object)
			if err != nil {
				return err
			}
			if gone {
				return SourcesDeletedConfirmError(kind)
			}
		}
		if link != nil && state == CarryDropped {
			// The same checks as DropLinkFromRound: never a link left
			// counting in no round.
			if _, err := dropLinkFromRound(ctx, tx, link, round, by, formatTime(now)); err != nil {
				return err
			}
		} else if link == nil && state == CarryDropped {
			if err := dropCarried(ctx, tx, kind, object); err != nil {
				return err
			}
		}
		if link != nil && state == CarryConfirmed && was == CarryDropped {
			// As RestoreLinkToRound: a drop from the document's own round
			// is undone by deleting its row, so the link follows its
			// document's round again.
			if err := restoreLinkToRound(ctx, tx, link, round, by, formatTime(now)); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE carryover SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
			state, by, formatTime(now), id); err != nil {
			return fmt.Errorf("decide carryover: %w", err)
		}
		// The indicator and round name the item in the audit log: a
		// dropped claim or value is deleted, and a bare ID says nothing.
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "carryover." + string(state), Object: "carryover:" + id,
			Detail: map[string]any{"kind": kind, "object": object, "indicator": indicator, "round": round}})
	})
}

// carriedLinkConfirmable refuses to confirm a carried link (link, nil
// when its document is deleted) whose document was deleted or could not
// be read: neither is evidence of the round. Dropping stays open.
func carriedLinkConfirmable(ctx context.Context, tx *sql.Tx, object string, link *lockedLink) error {
	if link == nil {
		return Errorf(ECONFLICT, "这条关联的文档已删除，不能确认沿用；请选择“本轮不用”")
	}
	d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM document WHERE id = ?`, link.docID))
	if err != nil {
		return fmt.Errorf("read document of link %s: %w", object, err)
	}
	if d.Status == StatusFailed {
		return Errorf(ECONFLICT, "这条关联的文档“%s”未能读取（%s），不能确认沿用；请在文档页重新读取或上传替换文件后再确认，或选择“本轮不用”",
			d.Filename, Words{Chinese: d.Error, English: d.ErrorIn(true)})
	}
	return nil
}

// carryStateWords names a carry state as the carry-over page does.
func carryStateWords(st CarryState) Words {
	switch st {
	case CarryConfirmed:
		return Words{Chinese: "已确认沿用", English: "confirmed"}
	case CarryUpdated:
		return Words{Chinese: "已修改", English: "updated"}
	case CarryDropped:
		return Words{Chinese: "本轮不再使用", English: "dropped from the round"}
	}
	return Words{Chinese: "待确认", English: "to re-confirm"}
}

func dropCarried(ctx context.Context, tx *sql.Tx, kind CarryKind, object string) error {
	var stmts []string
	switch kind {
	case CarryClaim:
		stmts = []string{`DELETE FROM review WHERE claim_id = ?`, `DELETE FROM citation WHERE claim_id = ?`, `DELETE FROM claim WHERE id = ?`}
	case CarryValue:
		stmts = []string{`DELETE FROM value_review WHERE value_id = ?`, `DELETE FROM value WHERE id = ?`}
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, object); err != nil {
			return fmt.Errorf("drop carried %s %s: %w", kind, object, err)
		}
	}
	return nil
}

// markCarryUpdated records, inside tx, that a carried claim or value was
// changed in its new round by by: one waiting for re-confirmation, or one
// confirmed as it was (which it no longer is: the round has its own
// since, and a verdict of the round it came from no longer follows it),
// is updated. A dropped one has no object left to change.
func (s *Store) markCarryUpdated(ctx context.Context, tx *sql.Tx, kind CarryKind, object, by string) error {
	return s.moveCarried(ctx, tx, kind, object, CarryUpdated, by, CarryToConfirm, CarryConfirmed)
}

// moveCarried moves, inside tx, the carry-over of object (of kind) from
// one of the states from to state, decided by by now; an object not
// carried, or in another state, is left alone.
func (s *Store) moveCarried(ctx context.Context, tx *sql.Tx, kind CarryKind, object string, state CarryState, by string, from ...CarryState) error {
	args := []any{state, by, formatTime(s.now()), kind, object}
	for _, f := range from {
		args = append(args, f)
	}
	_, err := tx.ExecContext(ctx, `UPDATE carryover SET state = ?, decided_by = ?, decided_at = ? WHERE kind = ? AND object_id = ?
		AND state IN (?`+strings.Repeat(", ?", len(from)-1)+`)`, args...)
	return wrapErr(err, "mark carried %s %s %s", kind, object, state)
}

// ofDocumentRound is the SQL condition under which link l of document d
// counts in round ? (args: the year twice as text, then as a number): the
// document is of that round (or, without one, issued in that year), the
// link was not made for another round on a document already there nor
// taken out of its document's round (a from_round 0 row, LinkInRound and
// DropLinkFromRound), and it was not dropped from that round (a dropped
// row of the round: a link carried into its document's own round and then
// dropped there is out of it, whichever way it got there).
const ofDocumentRound = `((d.round = ? OR (d.round = '' AND substr(d.issued_on, 1, 4) = ?))
		AND l.id NOT IN (SELECT object_id FROM carryover WHERE kind = 'link'
			AND (from_round = 0 OR (round = ? AND state = 'dropped'))))`

// LinkInRound links a document to key indicators so that the links count
// in round, which is not the document's own: the same bytes uploaded
// again for a later round (a policy still in force), or a document of 2017
// linked on its page for 2018, are evidence there without a second
// document. All of links are of one document. A link the document has
// already (same indicator) is used as it is: the Link becomes it, and it
// is carried into the round, confirmed by by, still counting in the
// document's own round; a page, quote or note given with it that differ
// from it are refused (EINVALID), since they would be lost. A link new to
// the document is made and counts in round only (a carried link of
// from_round 0), so the document's own round does not change. A link
// carried into round before, waiting or dropped, is confirmed again.
// Everything is one transaction, audited: no link is left made that does
// not count where it was made for.
func (s *Store) LinkInRound(ctx context.Context, links []*Link, round int, by string) error {
	if len(links) == 0 {
		return nil
	}
	_, inds, err := s.CurrentFramework(ctx)
	if err != nil {
		return err
	}
	byCode := make(map[string]Indicator, len(inds))
	for _, ind := range inds {
		byCode[ind.Code] = ind
	}
	docID := links[0].DocumentID
	now := formatTime(s.now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdRound(ctx, tx, round); err != nil {
			return err
		}
		var city, docRound string
		if err := tx.QueryRowContext(ctx, `SELECT city, round FROM document WHERE id = ?`, docID).Scan(&city, &docRound); err != nil {
			return fmt.Errorf("document of links to use in round %d: %w", round, err)
		}
		from, err := strconv.Atoi(docRound)
		if err != nil {
			// A document of no round (from before rounds were given to
			// every document): from_round 0 would mean a fresh link.
			from = -1
		}
		codes := make([]string, 0, len(links))
		for _, l := range links {
			if l.DocumentID != docID {
				return fmt.Errorf("links in round %d: documents %s and %s at once", round, docID, l.DocumentID)
			}
			fresh, err := s.linkOnce(ctx, tx, l, round, byCode)
			if err != nil {
				return err
			}
			if err := useLinkInRound(ctx, tx, city, [2]string{l.ID, l.IndicatorCode}, round, from, fresh, by, now); err != nil {
				return err
			}
			codes = append(codes, l.IndicatorCode)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "round.use_links", Object: "document:" + docID,
			Detail: map[string]any{"round": round, "document_round": docRound, "indicators": codes}})
	})
}

// linkOnce makes l inside tx unless the document has a link to its
// indicator already, when l becomes that link; fresh says which. Two
// uploads of one file at once meet in the unique index: the second finds
// the first's link.
func (s *Store) linkOnce(ctx context.Context, tx *sql.Tx, l *Link, round int, byCode map[string]Indicator) (fresh bool, err error) {
	if err := s.checkLink(ctx, tx, l, byCode); err != nil {
		return false, err
	}
	given := *l
	had, err := queryLinks(ctx, tx, `WHERE l.document_id = ? AND l.indicator_code = ?`, l.DocumentID, l.IndicatorCode)
	if err != nil {
		return false, err
	}
	if len(had) == 0 {
		if err := s.insertLinkIfNew(ctx, tx, l); err != nil {
			return false, err
		}
		if had, err = queryLinks(ctx, tx, `WHERE l.document_id = ? AND l.indicator_code = ?`, l.DocumentID, l.IndicatorCode); err != nil {
			return false, err
		}
		if len(had) == 1 && had[0].ID == l.ID {
			return true, nil
		}
	}
	if len(had) == 0 {
		return false, fmt.Errorf("link %s to %s: neither made nor found", l.DocumentID, l.IndicatorCode)
	}
	*l = had[0]
	if err := keptAsItIs(given, had[0], round); err != nil {
		return false, err
	}
	if given.Quote != "" {
		// The quote typed is the link's, or added to it: never dropped.
		if l.Quoted, err = s.addLinkPassage(ctx, tx, l, LinkPassage{Page: given.Page, Quote: given.Quote}, given.CreatedBy); err != nil {
			return false, err
		}
	}
	return false, nil
}

// keptAsItIs refuses a page without a quote, or a note, given for a link
// the document has already and uses in another round as it is: they would
// be dropped without a word. A page any of the link's passages is on
// (Passages) is the link's: nothing is dropped. A quote, with its page,
// is added to the link (addLinkPassage).
func keptAsItIs(given, had Link, round int) error {
	pages := linkPages(had)
	field := ""
	switch {
	case given.Quote == "" && given.Page != 0 && !slices.Contains(pages, given.Page):
		field = "page"
	case given.Note != "" && given.Note != had.Note:
		field = "note"
	default:
		return nil
	}
	at := Words{Chinese: "未填页码", English: "no page"}
	if len(pages) > 0 {
		zh, en := make([]string, len(pages)), make([]string, len(pages))
		for i, p := range pages {
			zh[i], en[i] = strconv.Itoa(p), strconv.Itoa(p)
		}
		at = Words{Chinese: "第 " + strings.Join(zh, "、") + " 页", English: "page " + strings.Join(en, ", ")}
		if len(pages) > 1 {
			at.English = "pages " + strings.Join(en, ", ")
		}
	}
	return FieldErrorf(field, EINVALID, "该文档已关联指标 %s（%s），计入 %d年度时沿用这条关联，不能另填页码或备注（填了引文的页码随引文补充到这条关联）；请去掉页码和备注后再提交，或连同该页的引文一起提交",
		had.IndicatorCode, at, round)
}

// linkPages are the pages l cites, its own and its passages', in order,
// once each; none when it names no page.
func linkPages(l Link) []int {
	var pages []int
	if l.Page > 0 {
		pages = append(pages, l.Page)
	}
	for _, p := range l.Passages() {
		if p.Page > 0 && !slices.Contains(pages, p.Page) {
			pages = append(pages, p.Page)
		}
	}
	return pages
}

func useLinkInRound(ctx context.Context, tx *sql.Tx, city string, l [2]string, round, from int, fresh bool, by, now string) error {
	res, err := tx.ExecContext(ctx, `UPDATE carryover SET state = ?, decided_by = ?, decided_at = ?
		WHERE round = ? AND kind = 'link' AND source_id = ? AND state IN ('to_confirm', 'dropped')`, CarryConfirmed, by, now, round, l[0])
	if err != nil {
		return fmt.Errorf("confirm link %s in round %d: %w", l[0], round, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	if fresh {
		from = 0
	}
	// Already carried (confirmed): nothing to do. Two uploads of the same
	// file at once meet in the unique index rather than fail on it.
	_, err = tx.ExecContext(ctx, `INSERT INTO carryover (id, city, round, from_round, kind, indicator_code, source_id, object_id, state,
		decided_by, decided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (round, kind, source_id) DO NOTHING`, ulid.Make().String(), city, round, from,
		CarryLink, l[1], l[0], l[0], CarryConfirmed, by, now, now)
	if err != nil {
		return fmt.Errorf("use link %s in round %d: %w", l[0], round, err)
	}
	return nil
}

// DropLinkFromRound makes a link no longer count in round while it keeps
// counting in the other rounds it counts in: a link carried or linked
// into round is dropped there (as DecideCarryover drops it); a link that
// counts in round because its document is of that round counts from then
// on only in the rounds it was carried or linked into, as a link made for
// another round does (both, when it is carried into its own round).
// ECONFLICT, saying what to do, when round is the only round the link
// counts in or it does not count there. Audited.
func (s *Store) DropLinkFromRound(ctx context.Context, linkID string, round int, by string) error {
	now := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// A dropped row may be written into the round (the link kept for
		// its other rounds only).
		if err := s.holdRound(ctx, tx, round); err != nil {
			return err
		}
		l, err := s.lockLink(ctx, tx, linkID)
		if err != nil {
			return err
		}
		how, err := dropLinkFromRound(ctx, tx, l, round, by, formatTime(now))
		if err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "link.drop_round", Object: l.docID,
			Detail: map[string]any{"link": linkID, "indicator": l.code, "round": round, "how": how}})
	})
}

// lockedLink is a link read, and locked, inside a transaction with what
// decides where it counts.
type lockedLink struct {
	id, docID, city, code string
	own                   string // ownRound of its document
}

// lockLink reads and locks a live document's link inside tx, so that two
// drops from its rounds at once see each other; ENOTFOUND when there is
// none.
func (s *Store) lockLink(ctx context.Context, tx *sql.Tx, linkID string) (*lockedLink, error) {
	l := &lockedLink{id: linkID}
	// Its document's row first, then the link's, as every writer of a
	// link takes them (lockLinkDocument).
	var docID string
	err := tx.QueryRowContext(ctx, `SELECT document_id FROM link WHERE id = ?`, linkID).Scan(&docID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "关联 %s 不存在", linkID)
	}
	if err != nil {
		return nil, fmt.Errorf("read link %s: %w", linkID, err)
	}
	if err := s.lockLinkDocument(ctx, tx, docID); err != nil {
		return nil, err
	}
	var docRound, issuedOn string
	err = tx.QueryRowContext(ctx, `SELECT d.id, d.city, d.round, d.issued_on, l.indicator_code FROM link l JOIN document d ON d.id = l.document_id
		WHERE l.id = ? AND d.deleted_at IS NULL`+s.dialect.lockRow, linkID).Scan(&l.docID, &l.city, &docRound, &issuedOn, &l.code)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "关联 %s 不存在", linkID)
	}
	if err != nil {
		return nil, fmt.Errorf("read link %s: %w", linkID, err)
	}
	l.own = ownRound(docRound, issuedOn)
	return l, nil
}

// ownRound is the round a document's links count in of themselves: its
// round, or without one the year it was issued in ("" for neither).
func ownRound(docRound, issuedOn string) string {
	if docRound != "" || len(issuedOn) < 4 {
		return docRound
	}
	return issuedOn[:4]
}

// dropLinkFromRound drops, inside tx, link l from round: its rows carried
// or linked into round are marked dropped, and when round is its
// document's own round it is taken out of that too (a row of its own, of
// from_round 0, leaving the rows it has alone); it says which it did.
func dropLinkFromRound(ctx context.Context, tx *sql.Tx, l *lockedLink, round int, by, now string) (string, error) {
	var here, elsewhere, outOfOwn int
	y := strconv.Itoa(round)
	ownYear, err := strconv.Atoi(l.own)
	if err != nil {
		ownYear = -1 // no round: no row of its round can take it out
	}
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM carryover WHERE kind = 'link' AND object_id = ? AND round = ? AND state <> 'dropped'),
		(SELECT COUNT(*) FROM carryover WHERE kind = 'link' AND object_id = ? AND round <> ? AND state <> 'dropped'),
		(SELECT COUNT(*) FROM carryover WHERE kind = 'link' AND object_id = ? AND (from_round = 0 OR (round = ? AND state = 'dropped')))`,
		l.id, round, l.id, round, l.id, ownYear).Scan(&here, &elsewhere, &outOfOwn)
	if err != nil {
		return "", fmt.Errorf("rounds of link %s: %w", l.id, err)
	}
	// The same rule as ofDocumentRound.
	ownCounts := l.own != "" && outOfOwn == 0
	if ownCounts && l.own != y {
		elsewhere++
	}
	ownHere := ownCounts && l.own == y
	switch {
	case here == 0 && !ownHere:
		return "", Errorf(ECONFLICT, "指标 %s 的这条关联不计入 %d年度，无需去掉", l.code, round)
	case elsewhere == 0:
		return "", Errorf(ECONFLICT, "指标 %s 的这条关联只计入 %d年度，没有其他轮次使用；要去掉它，请直接删除这条关联", l.code, round)
	}
	how := "carried"
	if here > 0 {
		// A dropped row of the document's own round takes the link out of
		// that round too (ofDocumentRound).
		_, err = tx.ExecContext(ctx, `UPDATE carryover SET state = ?, decided_by = ?, decided_at = ?
			WHERE kind = 'link' AND object_id = ? AND round = ? AND state <> ?`, CarryDropped, by, now, l.id, round, CarryDropped)
		if err != nil {
			return "", fmt.Errorf("drop link %s from round %d: %w", l.id, round, err)
		}
		if ownHere {
			how = "carried+own"
		}
		return how, nil
	}
	// Counted in its document's round only and carried elsewhere: from now
	// on the carried rounds only, as a link made for another round. The
	// rows it has keep the rounds they came from; the round has none
	// (here is 0, and a dropped one would have taken it out already).
	_, err = tx.ExecContext(ctx, `INSERT INTO carryover (id, city, round, from_round, kind, indicator_code, source_id, object_id, state,
		decided_by, decided_at, created_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`, ulid.Make().String(), l.city, round,
		CarryLink, l.code, l.id, l.id, CarryDropped, by, now, now)
	return "own", wrapErr(err, "keep link %s for its other rounds only", l.id)
}

// wrapErr is fmt.Errorf(format+": %w", args..., err), nil for nil.
func wrapErr(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// RoundLinkedDocuments returns, per key indicator, the live documents of
// a city that count in a round: those of the round (or, without one,
// issued in its year) and those whose link was carried into it and not
// dropped.
func (s *Store) RoundLinkedDocuments(ctx context.Context, city string, round int) (map[string][]string, error) {
	y := fmt.Sprint(round)
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT l.indicator_code, d.id FROM link l JOIN document d ON d.id = l.document_id
		WHERE d.deleted_at IS NULL AND d.city = ? AND (`+ofDocumentRound+`
		   OR l.id IN (SELECT object_id FROM carryover WHERE kind = 'link' AND round = ? AND state <> 'dropped'))
		ORDER BY l.indicator_code, d.id`, city, y, y, round, round)
	if err != nil {
		return nil, fmt.Errorf("round linked documents: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var code, id string
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		out[code] = append(out[code], id)
	}
	return out, rows.Err()
}

// DeleteRound removes a monitoring round that holds nothing, with its
// tasks that nothing was handed in for: ECONFLICT when it is the current
// round or any document, claim, value, carried object or task handed in
// belongs to it.
func (s *Store) DeleteRound(ctx context.Context, year int, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// Locked before anything is counted: a link being used in the
		// round (LinkInRound) or the round being made current finishes
		// first and is counted, or waits and finds the round gone.
		var current bool
		err := tx.QueryRowContext(ctx, `SELECT is_current FROM round WHERE year = ?`+s.dialect.lockToDelete, year).Scan(&current)
		if err == sql.ErrNoRows {
			return Errorf(ENOTFOUND, "监测轮次 %d 不存在", year)
		}
		if err != nil {
			return err
		}
		if current {
			return Errorf(ECONFLICT, "监测轮次 %d 是当前轮次，不能删除；请先把其他轮次设为当前轮次", year)
		}
		var docs, claims, values, carried, tasks int
		err = tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM document WHERE deleted_at IS NULL AND round = ?),
			(SELECT COUNT(*) FROM claim WHERE round = ?),
			(SELECT COUNT(*) FROM value WHERE round = ?),
			(SELECT COUNT(*) FROM carryover WHERE round = ? AND state <> 'dropped'),
			(SELECT COUNT(*) FROM assignment WHERE round = ? AND (status <> ?
				OR id IN (SELECT assignment_id FROM assignment_document)))`, fmt.Sprint(year), year, year, year, year, AssignmentOpen).
			Scan(&docs, &claims, &values, &carried, &tasks)
		if err != nil {
			return fmt.Errorf("count round data: %w", err)
		}
		if docs+claims+values+carried+tasks > 0 {
			return Errorf(ECONFLICT, "监测轮次 %d 已有数据（文档 %d 份、定性描述 %d 条、数值 %d 条、结转 %d 项、已交材料的责任分解任务 %d 项），不能删除", year, docs, claims, values, carried, tasks)
		}
		// Tasks nobody has handed anything in for (a table copied into the
		// round by mistake) go with it.
		if _, err := tx.ExecContext(ctx, `DELETE FROM assignment WHERE round = ?`, year); err != nil {
			return fmt.Errorf("delete the round's open tasks: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM carryover WHERE round = ?`, year); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM round_indicator WHERE round = ?`, `DELETE FROM round_framework WHERE round = ?`} {
			if _, err := tx.ExecContext(ctx, q, year); err != nil {
				return fmt.Errorf("delete the round's kept names: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM round WHERE year = ?`, year); err != nil {
			return fmt.Errorf("delete round: %w", err)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "round.delete", Object: fmt.Sprintf("round:%d", year)})
	})
}
