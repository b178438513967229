package catalog

import (
	"context"
	"fmt"
	"slices"
)

// UnknownIndicatorCodes returns those of codes that no framework of any
// round holds and no document was ever linked to, in the order given: a
// code mistyped in a filter, as opposed to one dropped from the framework
// whose links are still history.
func (s *Store) UnknownIndicatorCodes(ctx context.Context, codes []string) ([]string, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	err := forInLists(codes, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT code FROM indicator WHERE code IN `+in+`
			UNION SELECT indicator_code FROM link WHERE indicator_code IN `+in, append(slices.Clone(args), args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				return err
			}
			known[c] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("look up indicator codes: %w", err)
	}
	var unknown []string
	for _, c := range codes {
		if !known[c] && !slices.Contains(unknown, c) {
			unknown = append(unknown, c)
		}
	}
	return unknown, nil
}
