package catalog

import (
	"context"
	"fmt"
)

// Citing is a claim or a value, not withdrawn, that cites a document:
// what deleting it touches, and what still rests on it once deleted.
type Citing struct {
	Kind      CarryKind // CarryClaim or CarryValue
	ID        string
	City      string
	Round     int
	Indicator string
	// What is the claim's statement, or the value as typed with its unit.
	What string
	// FromRound is the round a carried copy was carried from, 0 for the
	// claim or value its coordinator wrote: the confirmation counts the
	// copies apart (其中 N 处为结转到 2019年度的副本).
	FromRound int
}

// CitingDocument lists the claims and values not withdrawn that cite
// document id, deleted or not, claims first, each by round and
// indicator.
func (s *Store) CitingDocument(ctx context.Context, id string) ([]Citing, error) {
	return citingDocument(ctx, s.db, id)
}

// citingDocument is CitingDocument read through q: the pool, or a
// deletion's transaction, which names them in its event.
func citingDocument(ctx context.Context, q querier, id string) ([]Citing, error) {
	carriedFrom := func(kind CarryKind, col string) string {
		return `COALESCE((SELECT MAX(k.from_round) FROM carryover k WHERE k.kind = '` + string(kind) + `' AND k.object_id = ` + col + `), 0)`
	}
	rows, err := q.QueryContext(ctx, `SELECT 'claim', c.id, c.city, c.round, c.indicator_code, c.statement, `+carriedFrom(CarryClaim, "c.id")+`
		FROM claim c WHERE c.status <> ? AND c.id IN (SELECT t.claim_id FROM citation t WHERE t.document_id = ?)
		UNION ALL
		SELECT 'value', v.id, v.city, v.round, v.indicator_code, v.given || v.unit, `+carriedFrom(CarryValue, "v.id")+`
		FROM value v WHERE v.status <> ? AND v.document_id = ?
		ORDER BY 1, 4, 5, 2`, ClaimWithdrawn, id, ClaimWithdrawn, id)
	if err != nil {
		return nil, fmt.Errorf("what cites document %s: %w", id, err)
	}
	defer rows.Close()
	var out []Citing
	for rows.Next() {
		var c Citing
		if err := rows.Scan(&c.Kind, &c.ID, &c.City, &c.Round, &c.Indicator, &c.What, &c.FromRound); err != nil {
			return nil, fmt.Errorf("what cites document %s: %w", id, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Object is the name an audit event gives c among the objects it is
// about (Event.Also): claim:ID or value:ID.
func (c Citing) Object() string { return string(c.Kind) + ":" + c.ID }
