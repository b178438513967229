package catalog

import (
	"context"
	"fmt"
	"slices"
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

// SourceVerdict is the review status a carried claim's or value's source
// had in the round it came from, or, if nobody reviewed that copy, that of
// the latest reviewed one it was carried from; Comment is the comment of
// the review that gave it ("" when the latest review gave another, or
// none did).
//
// A source reviewed and then sent back to 待审核 (reopened: a document it
// cites deleted, its quote to check again) still had a verdict: Status is
// the last verdict given, with its comment, and Reopened says it was
// reopened since. Only a source nobody ever reviewed is ClaimPending.
type SourceVerdict struct {
	Status   ClaimStatus
	Comment  string
	Reopened bool
}

// verdictStep is one copy on the way back from a carried claim or value
// to the source whose verdict it shows: its status ("" deleted since),
// and the verdict and comment of its latest review ("" none).
type verdictStep struct {
	depth                    int
	status, verdict, comment string
}

// sourceVerdict picks, of the steps back from one carry-over, the
// nearest copy that was ever reviewed: its status when reviewed and not
// reopened, its last verdict (Reopened) when reopened since. A deleted
// copy ends the chain with nothing to show (ok false); a chain of copies
// nobody reviewed is ClaimPending.
func sourceVerdict(steps []verdictStep) (v SourceVerdict, ok bool) {
	slices.SortFunc(steps, func(a, b verdictStep) int { return a.depth - b.depth })
	for _, st := range steps {
		switch {
		case st.status == "":
			return SourceVerdict{}, false
		case st.status != string(ClaimPending):
			v = SourceVerdict{Status: ClaimStatus(st.status)}
			if st.verdict == st.status {
				v.Comment = st.comment
			}
			return v, true
		case st.verdict != "":
			return SourceVerdict{Status: ClaimStatus(st.verdict), Comment: st.comment, Reopened: true}, true
		}
	}
	return SourceVerdict{Status: ClaimPending}, len(steps) > 0
}

// CarriedVerdicts returns, by carry-over ID, the verdict on the source of
// each of the carried claims and values ids (a link's, or a source deleted
// since, is left out): 结转事项核对 shows it beside each item, and a
// coordinator confirming one found 与证据矛盾 is warned. One query per 512
// IDs, however long the chains of copies carried on unreviewed.
func (s *Store) CarriedVerdicts(ctx context.Context, ids []string) (map[string]SourceVerdict, error) {
	out := map[string]SourceVerdict{}
	err := forInLists(ids, func(in string, args []any) error {
		// back follows each carry-over from its source through copies
		// still 待审核 that were carried (and stand) from an earlier one;
		// the deepest step is the reviewed source.
		rows, err := s.db.QueryContext(ctx, `WITH RECURSIVE back(carry, kind, id, depth) AS (
	SELECT c.id, c.kind, c.source_id, 0 FROM carryover c WHERE c.kind IN ('claim', 'value') AND c.id IN `+in+`
	UNION ALL
	SELECT b.carry, b.kind, c.source_id, b.depth + 1 FROM back b
	LEFT JOIN claim sc ON b.kind = 'claim' AND sc.id = b.id
	LEFT JOIN value sv ON b.kind = 'value' AND sv.id = b.id
	JOIN carryover c ON c.kind = b.kind AND c.object_id = b.id AND c.state IN ('to_confirm', 'confirmed')
	WHERE COALESCE(sc.status, sv.status) = 'pending'
)
SELECT b.carry, b.depth, COALESCE(sc.status, sv.status, ''),
	COALESCE((SELECT r.verdict FROM review r WHERE b.kind = 'claim' AND r.claim_id = b.id ORDER BY r.at DESC, r.id DESC LIMIT 1),
		(SELECT r.verdict FROM value_review r WHERE b.kind = 'value' AND r.value_id = b.id ORDER BY r.at DESC, r.id DESC LIMIT 1), ''),
	COALESCE((SELECT r.comment FROM review r WHERE b.kind = 'claim' AND r.claim_id = b.id ORDER BY r.at DESC, r.id DESC LIMIT 1),
		(SELECT r.comment FROM value_review r WHERE b.kind = 'value' AND r.value_id = b.id ORDER BY r.at DESC, r.id DESC LIMIT 1), '')
FROM back b
LEFT JOIN claim sc ON b.kind = 'claim' AND sc.id = b.id
LEFT JOIN value sv ON b.kind = 'value' AND sv.id = b.id`, args...)
		if err != nil {
			return fmt.Errorf("query the verdicts on carried claims' and values' sources: %w", err)
		}
		defer rows.Close()
		steps := map[string][]verdictStep{}
		for rows.Next() {
			var carry string
			var st verdictStep
			if err := rows.Scan(&carry, &st.depth, &st.status, &st.verdict, &st.comment); err != nil {
				return fmt.Errorf("scan the verdict on a carried source: %w", err)
			}
			steps[carry] = append(steps[carry], st)
		}
		for carry, chain := range steps {
			if v, ok := sourceVerdict(chain); ok {
				out[carry] = v
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
