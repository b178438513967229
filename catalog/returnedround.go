package catalog

import (
	"context"
	"fmt"
)

// returnedHereSQL holds for the document doc, as evidence of indicator
// in city's round (SQL expressions, round maybe a ?), when a coordinator
// returned it (退回) on a task of that city, round and indicator and no
// task of them holds it handed in and not returned: a returned hand-in is
// no accepted evidence of the round (review: a file sent back still made
// its indicator 有证据). The rule is the round's and the indicator's
// alone: the same document linked to another indicator, or counting in
// another round, counts there, and a document never handed in for a
// task of the indicator (a coordinator's own upload, linked on its page)
// counts as any link. EvidenceUnion applies it to links and citations
// when a round is asked for, CountClaims to the claims it counts as
// backed, and ReturnedInRound lists it for the report.
func returnedHereSQL(doc, city, round, indicator string) string {
	return `EXISTS (SELECT 1 FROM assignment_document rd JOIN assignment ra ON ra.id = rd.assignment_id
		WHERE rd.document_id = ` + doc + ` AND rd.returned_at <> '' AND ra.city = ` + city + `
		AND ra.round = ` + round + ` AND ra.indicator_code = ` + indicator + `
		AND NOT EXISTS (SELECT 1 FROM assignment_document hd JOIN assignment ha ON ha.id = hd.assignment_id
			WHERE hd.document_id = rd.document_id AND hd.returned_at = '' AND ha.city = ra.city
			AND ha.round = ra.round AND ha.indicator_code = ra.indicator_code))`
}

// ReturnedInRound returns the documents of city a coordinator returned
// (退回) on a task of round that no task of the same indicator and round
// holds handed in since, as pairs of indicator and document id: each is
// no evidence of that indicator in the round (returnedHereSQL), though
// the report still lists it, marked （已退回）.
func (s *Store) ReturnedInRound(ctx context.Context, city string, round int) (map[[2]string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT ra.indicator_code, rd.document_id
		FROM assignment_document rd JOIN assignment ra ON ra.id = rd.assignment_id
		WHERE ra.city = ? AND ra.round = ? AND rd.returned_at <> ''
		AND NOT EXISTS (SELECT 1 FROM assignment_document hd JOIN assignment ha ON ha.id = hd.assignment_id
			WHERE hd.document_id = rd.document_id AND hd.returned_at = '' AND ha.city = ra.city
			AND ha.round = ra.round AND ha.indicator_code = ra.indicator_code)`, city, round)
	if err != nil {
		return nil, fmt.Errorf("query the files returned in %s's round %d: %w", city, round, err)
	}
	defer rows.Close()
	out := map[[2]string]bool{}
	for rows.Next() {
		var indicator, id string
		if err := rows.Scan(&indicator, &id); err != nil {
			return nil, fmt.Errorf("read a file returned in %s's round %d: %w", city, round, err)
		}
		out[[2]string{indicator, id}] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the files returned in %s's round %d: %w", city, round, err)
	}
	return out, nil
}
