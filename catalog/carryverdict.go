package catalog

import (
	"context"
	"fmt"
)

// PreviousVerdict is the review status a carried claim's or value's
// source had in the round it came from (FromRound).
type PreviousVerdict struct {
	FromRound int
	Status    ClaimStatus
}

// chainSQL follows carry-overs back from a carried claim or value
// (chain.object_id) through copies nobody reviewed: each row is one step
// (chain.source_id, in from_round), the first carried in the round the
// query names by its in list. A step is taken only while the carry-over
// stands (待确认 or confirmed as it was, not changed or dropped) and the
// copy it made is still 待审核: a copy reviewed since has its own verdict,
// and a value recorded again is no longer the one carried.
const chainSQL = `WITH RECURSIVE chain(kind, object_id, source_id, from_round) AS (
	SELECT c.kind, c.object_id, c.source_id, c.from_round FROM carryover c
	LEFT JOIN claim oc ON c.kind = 'claim' AND oc.id = c.object_id
	LEFT JOIN value ov ON c.kind = 'value' AND ov.id = c.object_id
	WHERE c.state IN ('to_confirm', 'confirmed') AND COALESCE(oc.status, ov.status) = 'pending'
	AND c.object_id IN %s
	UNION ALL
	SELECT ch.kind, ch.object_id, c.source_id, c.from_round FROM chain ch
	LEFT JOIN claim sc ON ch.kind = 'claim' AND sc.id = ch.source_id
	LEFT JOIN value sv ON ch.kind = 'value' AND sv.id = ch.source_id
	JOIN carryover c ON c.kind = ch.kind AND c.object_id = ch.source_id AND c.state IN ('to_confirm', 'confirmed')
	WHERE COALESCE(sc.status, sv.status) = 'pending'
)
`

// ContradictedBefore returns, for those of the claims and values ids
// (IDs are unique across both) that were carried from an earlier round
// where a reviewer found their source 与证据矛盾, that verdict, by ID:
// the review queue and the report say so beside the new copy while it is
// 待审核 and its carry-over stands. The verdict is the latest reviewed
// ancestor's: a copy carried on again unreviewed passes it along. One
// query per 512 IDs, claims and values together.
func (s *Store) ContradictedBefore(ctx context.Context, ids []string) (map[string]PreviousVerdict, error) {
	out := map[string]PreviousVerdict{}
	if len(ids) == 0 {
		return out, nil
	}
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf(chainSQL, in)+`SELECT ch.object_id, ch.from_round,
	COALESCE(sc.status, sv.status) FROM chain ch
	LEFT JOIN claim sc ON ch.kind = 'claim' AND sc.id = ch.source_id
	LEFT JOIN value sv ON ch.kind = 'value' AND sv.id = ch.source_id
	WHERE COALESCE(sc.status, sv.status) <> 'pending'`, args...)
		if err != nil {
			return fmt.Errorf("query earlier verdicts of carried claims and values: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var from int
			var status ClaimStatus
			if err := rows.Scan(&id, &from, &status); err != nil {
				return err
			}
			if status == ClaimContradicted {
				out[id] = PreviousVerdict{FromRound: from, Status: status}
			}
		}
		return rows.Err()
	})
	return out, err
}

// ReviewedSource returns the claim or value (kind) a carried copy's
// verdict comes from: source, the copy's direct source, or, while that is
// 待审核 and was itself carried (the carry-over standing), its source in
// turn, back to the latest one a reviewer gave a verdict on. One query.
func (s *Store) ReviewedSource(ctx context.Context, kind CarryKind, source string) (string, error) {
	table := map[CarryKind]string{CarryClaim: "claim", CarryValue: "value"}[kind]
	if table == "" {
		return source, nil
	}
	var id string
	err := s.db.QueryRowContext(ctx, `WITH RECURSIVE back(id, depth) AS (
	SELECT ?, 0
	UNION ALL
	SELECT c.source_id, b.depth + 1 FROM back b
	JOIN `+table+` t ON t.id = b.id AND t.status = 'pending'
	JOIN carryover c ON c.kind = ? AND c.object_id = b.id AND c.state IN ('to_confirm', 'confirmed')
)
SELECT id FROM back ORDER BY depth DESC LIMIT 1`, source, kind).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("find the reviewed source of carried %s %s: %w", kind, source, err)
	}
	return id, nil
}
