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

// ContradictedBefore returns, for those of the claims or values ids
// (kind CarryClaim or CarryValue) that were carried from an earlier
// round where a reviewer found their source 与证据矛盾, that verdict, by
// ID: the review queue and the report say so beside the new copy, which
// starts 待审核 with no review of its own. One query per 512 IDs.
func (s *Store) ContradictedBefore(ctx context.Context, kind CarryKind, ids []string) (map[string]PreviousVerdict, error) {
	out := map[string]PreviousVerdict{}
	table := map[CarryKind]string{CarryClaim: "claim", CarryValue: "value"}[kind]
	if table == "" || len(ids) == 0 {
		return out, nil
	}
	err := forInLists(ids, func(in string, args []any) error {
		args = append([]any{kind, string(ClaimContradicted)}, args...)
		rows, err := s.db.QueryContext(ctx, `SELECT c.object_id, c.from_round FROM carryover c JOIN `+table+
			` src ON src.id = c.source_id WHERE c.kind = ? AND src.status = ? AND c.object_id IN `+in, args...)
		if err != nil {
			return fmt.Errorf("query earlier verdicts of carried %ss: %w", kind, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var from int
			if err := rows.Scan(&id, &from); err != nil {
				return err
			}
			if had, ok := out[id]; !ok || from > had.FromRound {
				out[id] = PreviousVerdict{FromRound: from, Status: ClaimContradicted}
			}
		}
		return rows.Err()
	})
	return out, err
}
