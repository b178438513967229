package catalog

import (
	"context"
	"fmt"
)

// ReturnedSources returns, by document id, the last return (退回) of each
// document of ids that a coordinator returned on a task and that no task
// holds handed in since (not returned there): what a value, claim or
// report citing it should say, as a returned file is no evidence for its
// indicator (probe s42 finding 2). Documents never returned, or handed in
// again anywhere, are left out; so are deleted ones.
func (s *Store) ReturnedSources(ctx context.Context, ids []string) (map[string]ReturnedFile, error) {
	out := map[string]ReturnedFile{}
	if len(ids) == 0 {
		return out, nil
	}
	err := forInLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT ad.document_id, ad.returned_at, ad.returned_by, ad.return_reason
			FROM assignment_document ad JOIN document doc ON doc.id = ad.document_id
			WHERE ad.document_id IN `+in+` AND ad.returned_at <> '' AND doc.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM assignment_document h WHERE h.document_id = ad.document_id AND h.returned_at = '')
			ORDER BY ad.returned_at, ad.assignment_id`, args...)
		if err != nil {
			return fmt.Errorf("returns of cited documents: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, at, by, reason string
			if err := rows.Scan(&id, &at, &by, &reason); err != nil {
				return fmt.Errorf("read a return of a cited document: %w", err)
			}
			out[id] = ReturnedFile{By: by, At: parseTime(at), Reason: reason} // the last one wins
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
